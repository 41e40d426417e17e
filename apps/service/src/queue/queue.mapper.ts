import type { QueueChangedData, QueueView } from '@crm/contracts';
import type { QueueRow } from './queue.repository.js';

export function toQueueView(q: QueueRow): QueueView {
  return {
    queueId: q.id,
    name: q.name,
    description: q.description,
    strategy: q.strategy,
    categories: q.categories,
    channels: q.channels,
    routingOrder: q.routingOrder,
    categorySkills: q.categorySkills,
    escalationQueueId: q.escalationQueueId,
    supervisorId: q.supervisorId,
    active: q.active,
    members: q.members.map((m) => ({ employeeId: m.employeeId, skills: m.skills, capacity: m.capacity, addedAt: m.addedAt.toISOString() })),
    version: q.version,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

export function toQueueChanged(q: QueueRow): QueueChangedData {
  return {
    queueId: q.id,
    name: q.name,
    strategy: q.strategy,
    active: q.active,
    members: q.members.map((m) => m.employeeId),
    version: q.version,
  };
}

/** What the operation log compares. */
export function queueFields(q: QueueRow): Record<string, unknown> {
  const { lastMemberId: _l, createdAt: _c, updatedAt: _u, members, ...rest } = q;
  return { ...rest, members: members.map((m) => `${m.employeeId}:${m.capacity}:${m.skills.join('+')}`) };
}

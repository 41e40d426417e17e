import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StampedCache } from '@crm/persistence';
import { ReferenceStamps } from '../reference/reference-stamps.js';
import { pickMember, requiredSkills, routeCase, type Pick } from './assignment.js';
import { QueueRepository, type QueueRow } from './queue.repository.js';

export interface QueuePick extends Pick {
  queueId: string;
  strategy: string;
  required: string[];
}

/**
 * Routing and assignment for the case feature, inside the case's transaction. `assign` locks the
 * queue's row first, so concurrent cases of one queue take turns: each sees the loads and the
 * round-robin position the previous one left. A member added to the queue is read at the next
 * assignment (no cache), so new resources take effect for the next case.
 */
@Injectable()
export class QueueAssigner {
  /** The routable queues, kept while `service_queue`'s stamp holds (routing reads no turn or member). */
  private readonly routable = new StampedCache<QueueRow[]>();

  constructor(
    @Inject(QueueRepository) private readonly queues: QueueRepository,
    @Inject(ReferenceStamps) private readonly stamps: ReferenceStamps,
  ) {}

  async route(m: EntityManager, c: { category: string; channel: string }): Promise<string | null> {
    return routeCase(await this.routable.get(await this.stamps.of(m, 'service_queue'), () => this.queues.routable(m)), c);
  }

  exists(m: EntityManager, queueId: string): Promise<boolean> {
    return this.queues.exists(m, queueId);
  }

  async assign(m: EntityManager, queueId: string, c: { category: string; skills: readonly string[] }): Promise<QueuePick | null> {
    const queue = await this.queues.find(queueId, m, true);
    if (!queue) return null;
    const loads = await this.queues.loads(
      m,
      queue.members.map((x) => x.employeeId),
    );
    const required = requiredSkills(queue.categorySkills, c.category, c.skills);
    const pick = pickMember(
      queue.strategy,
      queue.members.map((x) => ({ employeeId: x.employeeId, skills: x.skills, capacity: x.capacity, load: loads.get(x.employeeId) ?? 0 })),
      required,
      queue.lastMemberId,
    );
    if (pick.employeeId) await this.queues.setLastMember(m, queueId, pick.employeeId);
    return { ...pick, queueId, strategy: queue.strategy, required };
  }

  /** Where an escalation from this queue goes: its escalation queue, else its supervisor. */
  async escalationOf(m: EntityManager, queueId: string | null): Promise<{ queueId: string | null; supervisorId: string | null }> {
    if (!queueId) return { queueId: null, supervisorId: null };
    const q = await this.queues.find(queueId, m);
    return { queueId: q?.escalationQueueId ?? null, supervisorId: q?.supervisorId ?? null };
  }
}

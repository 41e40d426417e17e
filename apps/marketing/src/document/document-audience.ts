import type { CallContext } from '@crm/security';

/**
 * Who is looking at the library. The call context carries the employee, their data scope in
 * marketing (resolved to owners: `[self]`, self and team mates, or everyone) and their
 * permissions — not their role names nor their team keys. `roles` and `teams` are therefore empty
 * until the context carries them; sharing is stored and matched here, so it takes effect then
 * without another change (docs/marketing/competitors-industry-documents.md "What is enforced").
 */
export interface Viewer {
  employeeId: string;
  /** Owners whose documents the data scope shows; null: all. */
  owners: readonly string[] | null;
  roles: readonly string[];
  teams: readonly string[];
}

export function viewerOf(ctx: CallContext, employeeId: string): Viewer {
  const extra = ctx as CallContext & { roles?: readonly string[]; teams?: readonly string[] };
  const scope = ctx.scope;
  const owners = !scope || scope.scope === 'all' || scope.owners === null ? (scope ? null : [employeeId]) : scope.owners;
  return { employeeId, owners, roles: extra.roles ?? [], teams: extra.teams ?? [] };
}

export interface Audience {
  ownerId: string;
  sharedRoles: readonly string[];
  sharedTeams: readonly string[];
}

/** May see (read, download): the owner, anyone whose scope covers the owner, a holder of a shared role, a member of a shared team. */
export function canSee(doc: Audience, v: Viewer): boolean {
  return (
    doc.ownerId === v.employeeId ||
    canChange(doc, v) ||
    doc.sharedRoles.some((r) => v.roles.includes(r)) ||
    doc.sharedTeams.some((t) => v.teams.includes(t))
  );
}

/** May change (update, upload, share): the owner or anyone whose data scope covers the owner; sharing grants reading only. */
export function canChange(doc: Audience, v: Viewer): boolean {
  return doc.ownerId === v.employeeId || v.owners === null || v.owners.includes(doc.ownerId);
}

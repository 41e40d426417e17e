import type { ArticleVersionState } from '@crm/contracts';

export type ArticleAction = 'edit' | 'submit' | 'approve' | 'publish' | 'archive';

/**
 * The article-version state machine: draft → in_review → approved → published, editing a version
 * under review or approved sends it back to draft, publish may also take a version straight from
 * review (approving it on the way), and archive ends any version that is not already finished.
 * A published version is never edited: the edit starts a new version (see `startsNewVersion`).
 * Returns the next state, or null when the action is illegal in this state (→ 4090).
 */
export function nextVersionState(current: ArticleVersionState, action: ArticleAction): ArticleVersionState | null {
  switch (action) {
    case 'edit':
      return current === 'draft' || current === 'in_review' || current === 'approved' ? 'draft' : null;
    case 'submit':
      return current === 'draft' ? 'in_review' : null;
    case 'approve':
      return current === 'in_review' ? 'approved' : null;
    case 'publish':
      return current === 'in_review' || current === 'approved' ? 'published' : null;
    case 'archive':
      return current === 'superseded' || current === 'archived' ? null : 'archived';
  }
}

/** True when an edit must start a new version instead of changing this one. */
export function startsNewVersion(current: ArticleVersionState): boolean {
  return current === 'published' || current === 'superseded' || current === 'archived';
}

/** A version is decided (approved, published) by someone who did not write any of it. */
export function mayDecide(contributors: readonly string[], employeeId: string): boolean {
  return !contributors.includes(employeeId);
}

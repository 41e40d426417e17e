import { describe, expect, it } from '@jest/globals';
import { ARTICLE_VERSION_STATES } from '@crm/contracts';
import { mayDecide, nextVersionState, startsNewVersion, type ArticleAction } from './article-state.js';

describe('article version states', () => {
  it('the happy path: draft → in_review → approved → published', () => {
    expect(nextVersionState('draft', 'submit')).toBe('in_review');
    expect(nextVersionState('in_review', 'approve')).toBe('approved');
    expect(nextVersionState('approved', 'publish')).toBe('published');
    expect(nextVersionState('in_review', 'publish')).toBe('published');
  });

  it('every illegal step is null (→ 4090)', () => {
    const table: Record<ArticleAction, string[]> = {
      edit: ['draft', 'in_review', 'approved'],
      submit: ['draft'],
      approve: ['in_review'],
      publish: ['in_review', 'approved'],
      archive: ['draft', 'in_review', 'approved', 'published'],
    };
    for (const [action, legal] of Object.entries(table) as Array<[ArticleAction, string[]]>)
      for (const s of ARTICLE_VERSION_STATES)
        expect([s, action, nextVersionState(s, action) !== null]).toEqual([s, action, legal.includes(s)]);
  });

  it('an edit of a submitted or approved version sends it back to draft; a published one starts a new version', () => {
    expect(nextVersionState('in_review', 'edit')).toBe('draft');
    expect(nextVersionState('approved', 'edit')).toBe('draft');
    expect(startsNewVersion('published')).toBe(true);
    expect(startsNewVersion('archived')).toBe(true);
    expect(startsNewVersion('draft')).toBe(false);
  });

  it('no one who wrote a version decides on it', () => {
    expect(mayDecide(['E100001', 'E100002'], 'E100002')).toBe(false);
    expect(mayDecide(['E100001'], 'E100003')).toBe(true);
  });
});

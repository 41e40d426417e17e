/**
 * A search value as a `LIKE` pattern: `*` is the only wildcard (any run of characters); the value's
 * own `%`, `_` and `\` match literally (escaped with `\`, MariaDB's default `LIKE` escape), so a
 * client cannot widen a search with SQL wildcards.
 */
export interface LikePattern {
  /** The `LIKE` text, to be bound as a parameter. */
  like: string;
  /** The literal text before the first `*`: an index on the column serves it as a range when not empty. */
  prefix: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function globToLike(value: string): LikePattern {
  const parts = value.split('*');
  return { like: parts.map(escapeLike).join('%'), prefix: parts[0] };
}

/** Whether a search value asks for a wildcard match (`*` anywhere) rather than an exact one. */
export const isGlob = (value: unknown): value is string => typeof value === 'string' && value.includes('*');

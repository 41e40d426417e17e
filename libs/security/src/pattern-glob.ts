/**
 * Allowed-pattern globs: `*` matches any run of characters (dots included), so
 * `service.workorder.*` covers `service.workorder.dispatch.v1`; `?` matches one character.
 */
export function compilePatternGlobs(globs: string[]): (pattern: string) => boolean {
  const regexes = globs.map((g) => {
    const body = g
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    return new RegExp(`^${body}$`);
  });
  return (pattern) => regexes.some((r) => r.test(pattern));
}

/** Source allow-list entries: exact addresses or IPv4 prefixes ending in `*` (e.g. `10.1.*`). */
export function sourceAllowed(sources: string[] | null, source: string | null): boolean {
  if (!sources || sources.length === 0) return true;
  if (!source) return false;
  return sources.some((s) => (s.endsWith('*') ? source.startsWith(s.slice(0, -1)) : s === source));
}

import picomatch from 'picomatch';

/** Allowed-pattern globs use `.` as the separator: `service.workorder.*` matches one segment, `**` any. */
export function compilePatternGlobs(globs: string[]): (pattern: string) => boolean {
  const matchers = globs.map((g) => picomatch(g.replace(/\./g, '/')));
  return (pattern) => {
    const path = pattern.replace(/\./g, '/');
    return matchers.some((m) => m(path));
  };
}

/** Source allow-list entries: exact addresses or IPv4 prefixes ending in `*` (e.g. `10.1.*`). */
export function sourceAllowed(sources: string[] | null, source: string | null): boolean {
  if (!sources || sources.length === 0) return true;
  if (!source) return false;
  return sources.some((s) => (s.endsWith('*') ? source.startsWith(s.slice(0, -1)) : s === source));
}

/**
 * What makes two account names "the same" for duplicate detection (`normalized_name`):
 *
 * 1. Unicode NFKC: full-width letters, digits, brackets and spaces become their ordinary forms
 *    (`ＡＣＭＥ（深圳）` → `ACME(深圳)`).
 * 2. Lower case (`ACME` → `acme`).
 * 3. Every run of white space becomes one space; leading and trailing space go. Spaces touching a
 *    Chinese character go entirely, since Chinese names carry no meaningful spaces (`华为 技术` →
 *    `华为技术`).
 * 4. One legal-form suffix at the end goes: 股份有限公司, 有限责任公司, 有限公司, 股份公司,
 *    `co., ltd.` / `co ltd` / `company limited` / `limited` / `ltd` / `inc` / `incorporated` /
 *    `corp` / `corporation` / `llc` / `plc` (with any of `. , ` around them). Words that tell two
 *    companies apart stay: 集团 (group), 分公司 (branch), a bracketed city, `holdings`.
 *    A name that is only a suffix keeps it.
 * 5. Trailing punctuation (`.`, `,`) and space left by 4 go.
 *
 * Changing these rules needs a migration that recomputes `normalized_name` of existing accounts.
 */
const CHINESE_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '股份公司'];
const LATIN_SUFFIX =
  /(?:^|[\s,.])(?:co\s*[.,]?\s*,?\s*ltd|company\s+limited|co\s*[.,]?\s*limited|limited|ltd|incorporated|inc|corporation|corp|l\.?l\.?c|plc)\.?$/;
const HAN = '\\p{Script=Han}';
const SPACE_BY_HAN = new RegExp(`\\s+(?=${HAN}|[()])|(?<=${HAN}|[()])\\s+`, 'gu');

/** Steps 1–3: width, case and space folding (also what a name prefix search compares). */
export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim().replace(SPACE_BY_HAN, '');
}

/** The duplicate key of a name: `foldName`, then without its legal-form suffix. */
export function normalizeAccountName(name: string): string {
  const folded = foldName(name);
  const chinese = CHINESE_SUFFIXES.find((s) => folded.endsWith(s));
  const stripped = (chinese ? folded.slice(0, -chinese.length) : folded.replace(LATIN_SUFFIX, '')).replace(/[\s.,]+$/u, '');
  return stripped.length > 0 ? stripped : folded;
}

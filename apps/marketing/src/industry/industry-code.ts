import { CrmError, ErrorCode } from '@crm/contracts';
import { GBT4754_SECTIONS, sectionOfDivision } from './1765000310000-industry.data.js';

/**
 * A section or division code as we store it: `I` or `I65`. Bare digits (`65`) get their section's
 * letter; a letter with digits of another section (`C65`) or digits outside 01–97 are 4220 naming
 * `field`.
 */
export function normaliseIndustryCode(input: string, field = 'industryCode'): string {
  const m = /^([A-Za-z])?(\d{2})?$/.exec(input.trim());
  const refuse = (reason: string) => new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field, reasons: [reason] }]);
  if (!m || (!m[1] && !m[2])) throw refuse(`${field} must be a GB/T 4754-2017 section or division, e.g. I, I65 or 65`);
  const letter = m[1]?.toUpperCase();
  if (!m[2]) {
    if (!GBT4754_SECTIONS.some((s) => s.code === letter)) throw refuse(`${field}: there is no section ${letter}`);
    return letter!;
  }
  const section = sectionOfDivision(m[2]);
  if (!section) throw refuse(`${field}: there is no division ${m[2]}`);
  if (letter && letter !== section.code) throw refuse(`${field}: division ${m[2]} is in section ${section.code}, not ${letter}`);
  return `${section.code}${m[2]}`;
}

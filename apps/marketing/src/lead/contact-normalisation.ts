/**
 * How lead contacts are compared (SPEC §6.1 dedupe): one canonical form per mainland phone number
 * and per e-mail address, whatever way a form, an agent or a partner file wrote it. Pure functions.
 */

export type PhoneKind = 'mobile' | 'landline';

export type PhoneResult = { ok: true; value: string; kind: PhoneKind } | { ok: false; reason: string };

/** Mobile: 1[3-9] and 9 more digits. */
const MOBILE = /^1[3-9][0-9]{9}$/;
/**
 * Landline with its trunk 0: area code 10 (Beijing), 2x (two-digit big cities) or a three-digit
 * code starting 3–9, then a 7- or 8-digit subscriber number.
 */
const LANDLINE = /^0(10|2[0-9]|[3-9][0-9]{2})[0-9]{7,8}$/;
/** Dashes people type, besides '-' (NFKC already turned the full-width one into '-'). */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;
const SEPARATORS = /[\s\-().]/g;

/**
 * A mainland China number in canonical digits: a mobile as its 11 digits, a landline as area code
 * (with the trunk 0) plus number. Accepts an optional `+86`, `0086` or `86` country prefix, spaces,
 * dashes, dots and parentheses (`+86 (0)10 …` too), full-width digits and signs, and a mobile
 * written with a leading trunk 0. Anything else — letters, extensions, a foreign or incomplete
 * number — is refused with a reason.
 */
export function normalisePhone(input: string): PhoneResult {
  // NFKC: full-width digits, ＋, （）and － typed with a Chinese input method become ASCII.
  const text = input.normalize('NFKC').replace(DASHES, '-').trim();
  if (text === '') return { ok: false, reason: 'phone is empty' };
  if (!/^\+?[0-9\s\-().]+$/.test(text))
    return { ok: false, reason: 'phone may hold only digits, a leading +, spaces, dashes, dots and parentheses' };
  const plus = text.startsWith('+');
  let digits = text.replace(/^\+/, '').replace(SEPARATORS, '');
  if (plus && !digits.startsWith('86')) return { ok: false, reason: 'phone must be a mainland China number (+86)' };
  // A national number never starts with 8 (mobiles start with 1, landlines with 0), so a leading
  // 86 or 0086 is always the country code; after it the area code drops its trunk 0 (+86 10 …),
  // though some write it anyway (+86 (0)10 …).
  const international = digits.startsWith('0086') ? 4 : digits.startsWith('86') ? 2 : 0;
  digits = digits.slice(international);
  // Without a country code a landline must carry its trunk 0: `2162345678` is refused, not guessed.
  const candidates = international ? [digits, `0${digits}`] : [digits];
  if (digits.startsWith('01')) candidates.push(digits.slice(1)); // 013800138000: a mobile dialled with the trunk 0
  for (const c of candidates) {
    if (MOBILE.test(c)) return { ok: true, value: c, kind: 'mobile' };
    if (LANDLINE.test(c)) return { ok: true, value: c, kind: 'landline' };
  }
  return { ok: false, reason: 'phone must be a mainland mobile (11 digits starting 13–19) or a landline with its area code' };
}

/**
 * An e-mail address as compared: trimmed (NFKC, so a full-width ＠ counts) and lower-cased whole.
 * Dots and `+tags` in the local part are kept: only some providers (Gmail) ignore them, while for a
 * company mailbox `li.lei@` and `lilei@`, or `sales+cn@` and `sales@`, may be different people or
 * routes. Stripping them would merge different people's leads — a wrong merge mixes two persons'
 * histories and owners and is hard to undo — whereas a missed duplicate is found and merged by hand
 * (`marketing.lead.merge.v1`). Lower-casing the local part is, strictly, beyond RFC 5321, but no
 * mainstream provider distinguishes case, and people type it inconsistently.
 */
export function normaliseEmail(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Enterprise accounts of the sales app (SPEC §6.2; the former customers). Writes need
 * `account.write`, reads `account.read`; each sees only accounts in the employee's data scope, phone
 * and e-mail masked without `customer.pii.read`. One file per message beside this one.
 */
export const ACCOUNT_SEGMENTS = ['consumer', 'business', 'government', 'wholesale'] as const;
export type AccountSegment = (typeof ACCOUNT_SEGMENTS)[number];

export interface AccountView {
  accountId: string;
  accountNo: string;
  name: string;
  /** 统一社会信用代码 (18 characters), or null. */
  registrationNo: string | null;
  /** GB/T 4754-2017: section letter, then division (2), group (3) or class (4) digits. */
  industryCode: string | null;
  /** GB/T 2260 administrative division (6 digits). */
  regionCode: string | null;
  segment: AccountSegment;
  parentId: string | null;
  /** The employee who owns the account: what `own` and `team` data scopes match. */
  ownerId: string;
  territoryId: string | null;
  phone: string | null;
  email: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AccountPage {
  items: AccountView[];
  nextCursor: string | null;
}

/** What the account events carry: the view without personal fields (phone, e-mail). */
export type AccountEventView = Omit<AccountView, 'phone' | 'email' | 'registrationNo'>;

/** `sales.account.hierarchy.v1`: the account's ancestors (root first) and direct children, each within the scope. */
export interface AccountHierarchy {
  account: AccountView;
  ancestors: AccountView[];
  children: AccountView[];
}

/** 统一社会信用代码 alphabet (GB 32100-2015): digits and capitals without I, O, S, V, Z. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character (18th) of the first 17 characters of a unified social credit code. */
export function registrationCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** A well-formed unified social credit code: 18 characters of its alphabet with the right check character. */
export function isRegistrationNo(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 18) return false;
  for (const ch of value) if (!USCC_ALPHABET.includes(ch)) return false;
  return registrationCheckChar(value.slice(0, 17)) === value[17];
}

/** GB/T 4754-2017 sections and the divisions (first, last) each holds. */
const INDUSTRY_SECTIONS: Record<string, readonly [number, number]> = {
  A: [1, 5],
  B: [6, 12],
  C: [13, 43],
  D: [44, 46],
  E: [47, 50],
  F: [51, 52],
  G: [53, 60],
  H: [61, 62],
  I: [63, 65],
  J: [66, 69],
  K: [70, 70],
  L: [71, 72],
  M: [73, 75],
  N: [76, 79],
  O: [80, 82],
  P: [83, 83],
  Q: [84, 85],
  R: [86, 90],
  S: [91, 96],
  T: [97, 97],
};

/** `I`, `I65`, `I651`, `I6510`: a section letter alone or with a division of that section (and group, class digits). */
export function isIndustryCode(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^([A-T])(\d{2,4})?$/.exec(value);
  if (!m) return false;
  if (m[2] === undefined) return true;
  const [first, last] = INDUSTRY_SECTIONS[m[1]!]!;
  const division = Number(m[2].slice(0, 2));
  return division >= first && division <= last;
}

/** GB/T 2260 province-level prefixes (mainland, Taiwan, Hong Kong, Macao). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

/** `440300`: six digits whose first two name a province. */
export function isRegionCode(value: unknown): value is string {
  return typeof value === 'string' && /^\d{6}$/.test(value) && PROVINCES.has(Number(value.slice(0, 2)));
}

function check(name: string, test: (v: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: (v: unknown) => test(v) },
    });
}

export const IsRegistrationNo = check(
  'isRegistrationNo',
  isRegistrationNo,
  'registrationNo must be an 18-character unified social credit code with a valid check character',
);
export const IsIndustryCode = check(
  'isIndustryCode',
  isIndustryCode,
  'industryCode must be a GB/T 4754-2017 code: a section letter A–T, optionally with a division of that section and group/class digits (I, I65, I6510)',
);
export const IsRegionCode = check('isRegionCode', isRegionCode, 'regionCode must be a 6-digit GB/T 2260 code (e.g. 440300)');

export const PHONE_RE = /^\+?[0-9 ()-]{5,32}$/;
export const ACCOUNT_NO_RE = /^[A-Za-z0-9._-]+$/;

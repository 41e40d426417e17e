/**
 * GB/T 4754-2017 industry codes as every app writes them: a section letter (门类 A–T) alone, or with
 * the division's 2 digits (大类) and optionally the group and class digits (`I`, `I65`, `I651`, `I6510`).
 */
export const INDUSTRY_CODE_RE = /^[A-T]([0-9]{2}([0-9]{1,2})?)?$/;

/** A criterion matching codes by prefix (territories, segments, rules): a letter and 0–4 digits. */
export const INDUSTRY_PREFIX_RE = /^[A-T][0-9]{0,4}$/;

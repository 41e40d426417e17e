import { describe, expect, it } from '@jest/globals';
import { foldName, normalizeAccountName } from './account-name.js';

describe('normalizeAccountName (the duplicate key of an account name)', () => {
  it.each([
    // Chinese legal forms go, what tells companies apart stays.
    ['华为技术有限公司', '华为技术'],
    ['华为技术股份有限公司', '华为技术'],
    ['深圳市腾讯计算机系统有限责任公司', '深圳市腾讯计算机系统'],
    ['中国移动通信集团有限公司', '中国移动通信集团'],
    ['中国移动通信集团广东有限公司深圳分公司', '中国移动通信集团广东有限公司深圳分公司'],
    // Full-width brackets and spaces (NFKC), spaces around Chinese characters.
    ['华为技术 （深圳） 有限公司', '华为技术(深圳)'],
    ['华为技术(深圳)有限公司', '华为技术(深圳)'],
    ['华为 技术　有限公司', '华为技术'],
    // Latin names: case, width, spaces and the usual suffixes with their punctuation.
    ['ACME Co., Ltd.', 'acme'],
    ['Acme Co. Ltd', 'acme'],
    ['acme co ltd', 'acme'],
    ['ＡＣＭＥ　Company  Limited', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Holdings LLC', 'acme holdings'],
    ['  Acme   Holdings  ', 'acme holdings'],
    // A suffix inside a word is not a suffix; a name that is only a suffix keeps it.
    ['Blimited', 'blimited'],
    ['Hotplc', 'hotplc'],
    ['有限公司', '有限公司'],
    ['Ltd.', 'ltd.'],
  ])('%s → %s', (name, key) => {
    expect(normalizeAccountName(name)).toBe(key);
  });

  it('folds width, case and spaces for prefix searches without dropping suffixes', () => {
    expect(foldName(' ＡＣＭＥ  Co., Ltd. ')).toBe('acme co., ltd.');
    expect(foldName('华为 技术')).toBe('华为技术');
  });
});

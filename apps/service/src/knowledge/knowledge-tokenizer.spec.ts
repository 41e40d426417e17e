import { describe, expect, it } from '@jest/globals';
import {
  bigramToken,
  booleanQuery,
  detectLanguage,
  indexTerms,
  indexText,
  queryTerms,
  stem,
  unigramPrefix,
} from './knowledge-tokenizer.js';

const cp = (c: string) => c.codePointAt(0)!;

describe('knowledge tokenizer', () => {
  it('splits a Chinese run into overlapping bigrams plus a closing term, all encoded as 9 ASCII characters', () => {
    const terms = indexTerms('宽带出现故障');
    expect(terms.map((t) => t.text)).toEqual(['宽带', '带出', '出现', '现故', '故障', '障']);
    expect(terms[0]!.token).toBe(bigramToken(cp('宽'), cp('带')));
    expect(terms[5]!.token).toBe(bigramToken(cp('障'), 0));
    // Worked example: 宽 = U+5BBD = 23485 = "i4d" in base 36, 带 = U+5E26 = 24102 = "ili".
    expect(terms[0]!.token).toBe('c0i4d0ili');
    for (const t of terms) expect(t.token).toMatch(/^c[0-9a-z]{8}$/);
  });

  it('a query of two Chinese words finds the article words by their bigrams, with no closing term', () => {
    expect(queryTerms('宽带 故障').map((t) => t.text)).toEqual(['宽带', '故障']);
    expect(queryTerms('宽带故障').map((t) => t.text)).toEqual(['宽带', '带故', '故障']);
    const article = new Set(indexTerms('宽带出现故障').map((t) => t.token));
    for (const t of queryTerms('宽带 故障')) expect(article.has(t.token)).toBe(true);
  });

  it('a one-character query is a prefix of every term starting with that character', () => {
    const [t] = queryTerms('卡');
    expect(t).toEqual({ text: '卡', token: unigramPrefix(cp('卡')), prefix: true });
    expect(booleanQuery([t!])).toBe(`${unigramPrefix(cp('卡'))}*`);
    // The character ends the run "手机卡": only the closing term starts with it.
    const tokens = indexTerms('手机卡').map((x) => x.token);
    expect(tokens.filter((k) => k.startsWith(t!.token))).toEqual([bigramToken(cp('卡'), 0)]);
  });

  it('English: lower-cased, stopwords dropped, lightly stemmed, prefixed so short words pass InnoDB’s minimum of 3', () => {
    expect(queryTerms('How to RESET the Router passwords').map((t) => t.token)).toEqual(['wreset', 'wrouter', 'wpassword']);
    expect(indexText('Resetting routers; TV')).toBe('wreset wrouter wtv');
    expect(queryTerms('a I x')).toEqual([]);
  });

  it('full-width letters and digits are the same words as ASCII (NFKC)', () => {
    expect(indexText('ＷｉＦｉ６ 光猫')).toBe(indexText('wifi6 光猫'));
  });

  it('mixed text: Chinese runs and words separately, punctuation splits', () => {
    expect(indexTerms('光猫(ONU)重启：5G信号').map((t) => t.text)).toEqual(['光猫', '猫', 'onu', '重启', '启', '5g', '信号', '号']);
  });

  it('other scripts are encoded code point by code point', () => {
    expect(indexText('Привет')).toMatch(/^x[0-9a-z]+$/);
  });

  it('stem: the same stem for the forms of a word', () => {
    expect(['reset', 'resets', 'resetting'].map(stem)).toEqual(['reset', 'reset', 'reset']);
    expect(['configure', 'configured', 'configuring'].map(stem)).toEqual(['configur', 'configur', 'configur']);
    expect(['battery', 'batteries'].map(stem)).toEqual(['battery', 'battery']);
    expect(['box', 'boxes', 'switches'].map(stem)).toEqual(['box', 'box', 'switch']);
    expect(['access', 'status', 'tv'].map(stem)).toEqual(['access', 'status', 'tv']);
  });

  it('an article counts each term at most MAX_TERM_FREQUENCY (3) times', () => {
    expect(indexText('router router router router router')).toBe('wrouter wrouter wrouter');
  });

  it('queries are bounded and without repeats', () => {
    expect(queryTerms('router router ROUTER').length).toBe(1);
    expect(queryTerms('一二三四五六七八九十'.repeat(5), 8)).toHaveLength(8);
  });

  it('detects the language when none is given', () => {
    expect(detectLanguage('宽带出现故障怎么办')).toBe('zh');
    expect(detectLanguage('How to reset your router password')).toBe('en');
    expect(detectLanguage('光猫 ONU 指示灯 LOS 红灯闪烁')).toBe('zh');
    expect(detectLanguage('Reset the router (路由器)')).toBe('en');
  });
});

import { describe, expect, it } from '@jest/globals';
import { advertisingProduct } from './advertising-product.fixture.js';
import { checkConfiguration, holds, violationDetails } from './configurator.js';

const ad = advertisingProduct().definition;

describe('configurator on the advertising product', () => {
  it('accepts a valid video, banner and native configuration', () => {
    expect(checkConfiguration(ad, { slot: 'prime', region: 'national', format: 'video', duration: 30, impressions: 2_000_000 })).toEqual(
      [],
    );
    expect(checkConfiguration(ad, { slot: 'day', region: '440300', format: 'banner', impressions: 10_000 })).toEqual([]);
    // duration is optional for native: neither required nor excluded
    expect(checkConfiguration(ad, { slot: 'night', region: '110100', format: 'native', impressions: 10_000_000, duration: 120 })).toEqual(
      [],
    );
  });

  it('reports every broken rule, not only the first: requires, its range constraint and the prime minimum', () => {
    const v = checkConfiguration(ad, { slot: 'prime', region: 'national', format: 'video', impressions: 50_000 });
    expect(v).toEqual([
      { key: 'duration', code: 'VIDEO_NEEDS_DURATION', message: 'a video ad needs a duration' },
      // an unset duration also fails the range test: both rules are named
      { key: 'duration', code: 'VIDEO_DURATION_15_60', message: 'a video ad runs 15 to 60 seconds' },
      { key: 'impressions', code: 'PRIME_MIN_IMPRESSIONS', message: 'prime time is sold from 100000 impressions' },
    ]);
    expect(violationDetails(v, 'configuration')).toEqual([
      {
        field: 'configuration.duration',
        reasons: ['VIDEO_NEEDS_DURATION: a video ad needs a duration', 'VIDEO_DURATION_15_60: a video ad runs 15 to 60 seconds'],
      },
      { field: 'configuration.impressions', reasons: ['PRIME_MIN_IMPRESSIONS: prime time is sold from 100000 impressions'] },
    ]);
  });

  it('excludes: a banner with a duration breaks BANNER_HAS_NO_DURATION', () => {
    expect(checkConfiguration(ad, { slot: 'day', region: '440300', format: 'banner', duration: 10, impressions: 20_000 })).toEqual([
      { key: 'duration', code: 'BANNER_HAS_NO_DURATION', message: 'a banner has no duration' },
    ]);
  });

  it('value constraints bound both ends inclusively: video 15 and 60 pass, 10 and 65 do not', () => {
    const video = (duration: number) =>
      checkConfiguration(ad, { slot: 'day', region: 'national', format: 'video', duration, impressions: 10_000 });
    expect(video(15)).toEqual([]);
    expect(video(60)).toEqual([]);
    expect(video(10).map((x) => x.code)).toEqual(['VIDEO_DURATION_15_60']);
    expect(video(65).map((x) => x.code)).toEqual(['VIDEO_DURATION_15_60']);
    // prime at exactly 100000 impressions is allowed (min is inclusive)
    expect(checkConfiguration(ad, { slot: 'prime', region: 'national', format: 'banner', impressions: 100_000 })).toEqual([]);
  });

  it('built-in checks: unknown key, missing option, value not allowed, range, step, not a number', () => {
    const v = checkConfiguration(ad, { colour: 'red', region: 'moon', format: 'native', impressions: 10_500, duration: '30' });
    expect(v.map((x) => [x.key, x.code])).toEqual([
      ['colour', 'UNKNOWN_KEY'],
      ['slot', 'OPTION_REQUIRED'],
      ['region', 'OPTION_VALUE'],
      ['duration', 'ATTRIBUTE_NUMBER'],
      // (10500 − 10000) mod 1000 = 500: not on the 1000 step
      ['impressions', 'ATTRIBUTE_STEP'],
    ]);
    expect(v[2]!.message).toBe('moon is not a region; allowed: national, 440000, 440300, 110100');
    expect(checkConfiguration(ad, { slot: 'day', region: 'national', format: 'native', impressions: 9_000 }).map((x) => x.code)).toEqual([
      'ATTRIBUTE_RANGE',
    ]);
    expect(checkConfiguration(ad, { slot: 'day', region: 'national', format: 'native' }).map((x) => x.code)).toEqual([
      'ATTRIBUTE_REQUIRED',
    ]);
  });

  it('conditions: an unset key fails every test but present: false; in and equals compare values', () => {
    expect(holds({ key: 'duration', present: false }, {})).toBe(true);
    expect(holds({ key: 'duration', min: 0 }, {})).toBe(false);
    expect(holds({ key: 'region', in: ['440000', '440300'] }, { region: '440300' })).toBe(true);
    expect(holds({ key: 'region', in: ['440000', '440300'] }, { region: 'national' })).toBe(false);
    expect(holds({ key: 'impressions', min: 100, max: 200 }, { impressions: 200 })).toBe(true);
    expect(holds({ key: 'impressions', min: 100, max: 200 }, { impressions: 201 })).toBe(false);
  });
});

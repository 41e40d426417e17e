import { describe, expect, it } from '@jest/globals';
import { normalCdf, twoProportionZTest, wilsonInterval } from './statistics.js';

describe('normal distribution', () => {
  it('matches the standard normal table', () => {
    // Φ(0) = 0.5, Φ(1) = 0.841345, Φ(1.959964) = 0.975, Φ(2.575829) = 0.995, Φ(3) = 0.998650, Φ(−1) = 0.158655.
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.841345, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(2.575829)).toBeCloseTo(0.995, 6);
    expect(normalCdf(3)).toBeCloseTo(0.99865, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe('Wilson interval', () => {
  it('200 of 1000: p = 0.2, centre 0.201152, half-width 0.024771 → [0.1764, 0.2259]', () => {
    // z² = 3.841459; centre = (0.2 + 3.841459/2000) / (1 + 3.841459/1000) = 0.201920/1.003841 = 0.201152;
    // half = 1.959964·√(0.2·0.8/1000 + 3.841459/4e6) / 1.003841 = 1.959964·0.0126871/1.003841 = 0.024771.
    const ci = wilsonInterval(200, 1000)!;
    expect(ci.low).toBeCloseTo(0.176381, 5);
    expect(ci.high).toBeCloseTo(0.225923, 5);
  });

  it('0 of 10 is [0, z²/(n + z²)] = [0, 0.2775]; 10 of 10 mirrors it; n = 0 has none', () => {
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(3.841459 / 13.841459, 6);
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(1 - 3.841459 / 13.841459, 6);
    expect(wilsonInterval(10, 10)!.high).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('two-proportion z-test', () => {
  it('200/1000 against 250/1000: pooled 0.225, SE 0.018675, z = −2.6774, p = 0.0074', () => {
    // p̂ = 450/2000 = 0.225; SE = √(0.225·0.775·0.002) = √0.00034875 = 0.0186748; z = −0.05/0.0186748 = −2.67740;
    // p = 2·(1 − Φ(2.67740)) = 2·0.0037103 = 0.0074206.
    const t = twoProportionZTest(200, 1000, 250, 1000);
    expect(t.difference).toBeCloseTo(-0.05, 10);
    expect(t.z!).toBeCloseTo(-2.6774, 4);
    expect(t.pValue!).toBeCloseTo(0.00742, 5);
    expect(t).toMatchObject({ conclusive: true, reason: null });
  });

  it('equal rates give z = 0 and p = 1; the test is symmetric', () => {
    // (erfcc's fractional error of about 1e-7 shows at z = 0.)
    const same = twoProportionZTest(30, 100, 30, 100);
    expect(same).toMatchObject({ z: 0, conclusive: true });
    expect(same.pValue!).toBeCloseTo(1, 6);
    const ab = twoProportionZTest(40, 200, 25, 200);
    const ba = twoProportionZTest(25, 200, 40, 200);
    expect(ab.z!).toBeCloseTo(-ba.z!, 12);
    expect(ab.pValue!).toBeCloseTo(ba.pValue!, 12);
    // p̂ = 65/400 = 0.1625, SE = √(0.1625·0.8375·0.01) = 0.036890, z = 0.075/0.036890 = 2.0331, p = 0.0420.
    expect(ab.z!).toBeCloseTo(2.0331, 3);
    expect(ab.pValue!).toBeCloseTo(0.042, 3);
  });

  it('is inconclusive, with the reason, when a group is under 30 or an expected count is under 5', () => {
    const small = twoProportionZTest(5, 20, 2, 20);
    expect(small.conclusive).toBe(false);
    expect(small.reason).toMatch(/fewer than 30 leads/);
    expect(small.reason).toMatch(/expected count .* below 5 \(smallest 3\.50\)/);
    // 100 leads each but 3 conversions in all: n·p̂ = 100·0.015 = 1.5 < 5.
    const rare = twoProportionZTest(2, 100, 1, 100);
    expect(rare).toMatchObject({ conclusive: false });
    expect(rare.reason).not.toMatch(/fewer than 30/);
    // Nothing converted anywhere: no z, no p.
    expect(twoProportionZTest(0, 50, 0, 50)).toMatchObject({ z: null, pValue: null, conclusive: false });
    expect(twoProportionZTest(0, 0, 1, 10)).toMatchObject({ z: null, pValue: null, conclusive: false });
  });
});

/**
 * The statistics of strategy evaluation, pure functions on counts. The normal distribution comes
 * from the complementary error function of Numerical Recipes (`erfcc`, a Chebyshev fit with a
 * fractional error below 1.2e-7 everywhere): small, well known, and no dependency for one curve.
 */

/** z for a two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/** Complementary error function (Numerical Recipes in C, 2nd ed., §6.2 `erfcc`). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Wilson score interval of a proportion (successes out of n) at the given z (default 95 %). Unlike
 * the normal ("Wald") interval it stays inside [0, 1] and is sensible for small n and for 0 or n
 * successes. Null for n = 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Smallest group, and smallest expected count of converted and of not converted leads, for the normal approximation. */
export const MIN_GROUP_SIZE = 30;
export const MIN_EXPECTED_COUNT = 5;

export interface TwoProportionTest {
  /** p₁ − p₂. */
  difference: number;
  /** (p₁ − p₂) / SE with the pooled proportion; null when it is undefined (nothing or everything converted). */
  z: number | null;
  /** Two-sided: 2 · (1 − Φ(|z|)). */
  pValue: number | null;
  /** Whether the sample is large enough for the normal approximation to be trusted. */
  conclusive: boolean;
  reason: string | null;
}

/**
 * Two-proportion z-test with the pooled proportion p̂ = (x₁ + x₂) / (n₁ + n₂):
 * z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p = 2(1 − Φ(|z|)). Conclusive only when each group
 * has at least 30 leads and each group's expected converted (nᵢp̂) and not converted (nᵢ(1 − p̂))
 * counts are at least 5 — the usual condition for the normal approximation; otherwise the figures
 * are still given where defined, with `conclusive: false` and the reason.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTest {
  if (n1 <= 0 || n2 <= 0)
    return { difference: 0, z: null, pValue: null, conclusive: false, reason: 'a group has no leads: there is nothing to compare' };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se > 0 ? (p1 - p2) / se : null;
  const pValue = z === null ? null : Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  const reasons: string[] = [];
  if (Math.min(n1, n2) < MIN_GROUP_SIZE) reasons.push(`a group has fewer than ${MIN_GROUP_SIZE} leads`);
  const expected = Math.min(n1 * pooled, n2 * pooled, n1 * (1 - pooled), n2 * (1 - pooled));
  if (expected < MIN_EXPECTED_COUNT)
    reasons.push(`an expected count of converted or not converted leads is below ${MIN_EXPECTED_COUNT} (smallest ${expected.toFixed(2)})`);
  return {
    difference: p1 - p2,
    z,
    pValue,
    conclusive: reasons.length === 0,
    reason: reasons.length ? `sample too small: ${reasons.join('; ')}` : null,
  };
}

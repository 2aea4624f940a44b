/**
 * The standard normal upper tail, for p-values of normal approximations.
 *
 * erfc by the Chebyshev fit of Numerical Recipes (Press et al., 2nd ed., §6.2, `erfcc`):
 * fractional error below 1.2e−7 everywhere, which is ample for a p-value compared with 0.05.
 */

/** Complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 +
    t * (0.37409196 +
    t * (0.09678418 +
    t * (-0.18628806 +
    t * (0.27886807 +
    t * (-1.13520398 +
    t * (1.48851587 +
    t * (-0.82215223 +
    t * 0.17087277))))))));
  const result = t * Math.exp(poly);
  return x >= 0 ? result : 2 - result;
}

/** P(Z ≥ z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

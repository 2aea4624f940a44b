/**
 * A small seeded pseudo-random generator, so that `--seed` reproduces bootstrap intervals (and
 * anything else that draws random numbers) bit for bit on every platform.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator from PractRand:
 * 128 bits of state, passes PractRand and BigCrush), seeded exactly as PractRand's
 * `sfc32::seed(Uint64)` does: a = 0, b = low 32 bits of the seed, c = high 32 bits,
 * counter = 1, then 12 outputs are discarded. It is not cryptographic and must not be used
 * where unpredictability matters.
 */

/** A source of uniformly distributed numbers in [0, 1). */
export type Random = () => number;

const TWO_POW_32 = 4_294_967_296;

/**
 * A deterministic generator of numbers in [0, 1) with 32 bits of resolution.
 *
 * @param seed a non-negative safe integer (0 ≤ seed ≤ 2^53 − 1); all of its bits are used.
 * @throws RangeError for a negative, fractional or unsafe seed, rather than silently folding
 *   distinct seeds onto one stream.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`random seed must be an integer from 0 to 2^53 - 1, got ${seed}`);
  }
  let a = 0;
  let b = seed >>> 0;
  let c = Math.floor(seed / TWO_POW_32) >>> 0;
  let counter = 1;

  const next32 = (): number => {
    const result = (a + b + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + (c << 3)) >>> 0;
    c = (((c << 21) | (c >>> 11)) + result) >>> 0;
    return result;
  };

  for (let i = 0; i < 12; i++) next32();
  return () => next32() / TWO_POW_32;
}

/**
 * A 32-bit seed from text (FNV-1a over the UTF-8 bytes of `text`), to derive independent,
 * reproducible streams from one run seed, e.g. one per metric group:
 * `createRandom(seedFromString(`${runSeed}/${groupKey}`))`.
 */
export function seedFromString(text: string): number {
  const FNV_OFFSET_BASIS = 0x811c9dc5;
  const FNV_PRIME = 0x01000193;
  let hash = FNV_OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/** A uniformly distributed integer in [0, size), for resampling indices. */
export function randomIndex(random: Random, size: number): number {
  return Math.floor(random() * size);
}

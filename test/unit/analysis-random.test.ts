import { describe, expect, it } from 'vitest';
import { createRandom, randomIndex, seedFromString } from '../../src/analysis/random.js';

function take(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => random());
}

describe('createRandom (sfc32)', () => {
  // Reference values from an independent Python implementation of PractRand's sfc32 and its
  // seed(Uint64) (a = 0, b = low word, c = high word, counter = 1, discard 12), outputs / 2^32:
  //   M = 0xffffffff
  //   def raw(): tmp = (a + b + ctr) & M; ctr += 1; a = b ^ (b >> 9); b = (c + (c << 3)) & M
  //              c = ((((c << 21) | (c >> 11)) & M) + tmp) & M; return tmp
  it.each([
    [0, [0.317481443984434, 0.03381406492553651, 0.1883028249721974, 0.9817317202687263]],
    [42, [0.29439391079358757, 0.4534398082178086, 0.9125655747484416, 0.29131023259833455]],
    [2 ** 40 + 7, [0.37596396170556545, 0.5923749781213701, 0.6615108198020607, 0.1503134078811854]],
    [Number.MAX_SAFE_INTEGER, [0.7609843329992145, 0.6059084604494274, 0.7605238871183246, 0.0425455376971513]],
  ])('seed %d gives the reference stream', (seed, expected) => {
    expect(take(createRandom(seed), 4)).toEqual(expected);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(take(createRandom(7), 100)).toEqual(take(createRandom(7), 100));
    expect(take(createRandom(7), 100)).not.toEqual(take(createRandom(8), 100));
  });

  it('uses the high bits of the seed too', () => {
    expect(take(createRandom(5), 10)).not.toEqual(take(createRandom(5 + 2 ** 32), 10));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const values = take(createRandom(123), 100_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    // standard error of the mean of U(0,1) with n = 1e5 is 0.289 / 316 ≈ 0.0009
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    const deciles = new Array<number>(10).fill(0);
    for (const v of values) deciles[Math.floor(v * 10)] = (deciles[Math.floor(v * 10)] ?? 0) + 1;
    for (const count of deciles) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects seed %d', (seed) => {
    expect(() => createRandom(seed)).toThrow(RangeError);
  });
});

describe('seedFromString (FNV-1a 32 over UTF-8)', () => {
  // '' and 'a' and 'foobar' are the published FNV-1a test vectors (0x811c9dc5, 0xe40c292c,
  // 0xbf9cf968); the others come from the same few lines of Python over str.encode('utf-8').
  it.each([
    ['', 2166136261],
    ['a', 3826002220],
    ['foobar', 3214735720],
    ['42/syscall/getppid/runsc', 322865679],
    ['ü→✓', 3270217311],
  ])('hashes %j to %d', (text, expected) => {
    expect(seedFromString(text)).toBe(expected);
  });
});

describe('randomIndex', () => {
  it('draws every index of a small range and nothing outside it', () => {
    const random = createRandom(1);
    const seen = new Set(Array.from({ length: 1000 }, () => randomIndex(random, 7)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseClaims, parseClaimsFile } from '../../src/claims/parse.js';
import type { ClaimInput } from '../../src/claims/schema.js';
import { CLAIM_UNITS, convertUnit, convertible, isKnownUnit } from '../../src/claims/units.js';

const good: ClaimInput = {
  id: 'my.getppid.runsc',
  source: { document: 'our-wiki.md', section: '§2 gVisor' },
  quote: 'a syscall under gVisor costs under 2 µs',
  tier: 'sandbox',
  subject: 'gVisor',
  measure: { workload: 'syscall', metric: 'getppid', target: 'runsc', quantity: 'value' },
  claimed: { min: null, max: 2, unit: 'us/op' },
};

const problemsOf = (entries: unknown[], known: string[] = []): string[] => {
  const result = parseClaims(entries, known);
  return result.ok ? [] : result.problems;
};

describe('parseClaims', () => {
  it('accepts a valid claim and defaults conflictsWith to []', () => {
    const result = parseClaims([good]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.claims[0]).toMatchObject({ id: 'my.getppid.runsc', conflictsWith: [] });
  });

  it('names the entry by index and id, and the field', () => {
    const bad = { ...good, claimed: { min: 'one', max: 2, unit: 'us/op' } };
    expect(problemsOf([good, bad].map((c, i) => ({ ...c, id: `c${i}` })))).toEqual([
      "claims[1] (id 'c1'): claimed.min: Invalid input: expected number, received string",
    ]);
  });

  it('names the entry by index alone when it has no usable id', () => {
    const [problem] = problemsOf([{ ...good, id: undefined }]);
    expect(problem).toMatch(/^claims\[0\]: id: /);
    expect(problemsOf([{ ...good, id: 'Has Spaces' }])[0]).toMatch(/^claims\[0\] \(id 'Has Spaces'\): id: lower-case/);
  });

  it.each([
    ['an unknown field', { ...good, extra: 1 }, /entry: Unrecognized key: "extra"/],
    ['an unknown quantity', { ...good, measure: { ...good.measure, quantity: 'speed' } }, /measure\.quantity: /],
    ['a reference on a value claim', { ...good, measure: { ...good.measure, reference: 'native' } }, /measure\.reference: a 'value' claim has no reference/],
    ['a delta without reference', { ...good, measure: { ...good.measure, quantity: 'delta' } }, /measure\.reference: required for quantity 'delta'/],
    ['a reference equal to the target', { ...good, measure: { ...good.measure, quantity: 'delta', reference: 'runsc' } }, /measure\.reference: must differ from target/],
    ['an open range at both ends', { ...good, claimed: { min: null, max: null, unit: 'ms' } }, /claimed\.max: give min, max or both/],
    ['min above max', { ...good, claimed: { min: 5, max: 1, unit: 'ms' } }, /claimed\.min: min 5 is greater than max 1/],
    ['an unknown unit', { ...good, claimed: { min: 1, max: 2, unit: 'parsecs' } }, /claimed\.unit: unknown unit/],
    ['a percentage claim in ms', { ...good, measure: { ...good.measure, quantity: 'overhead-pct', reference: 'native' }, claimed: { min: 1, max: 2, unit: 'ms' } }, /claimed\.unit: must be '%'/],
    ['a value claim in %', { ...good, claimed: { min: 1, max: 2, unit: '%' } }, /claimed\.unit: '%' needs quantity/],
    ['an unknown tier', { ...good, tier: 'cloud' }, /tier: /],
    ['an empty quote', { ...good, quote: '  ' }, /quote: /],
  ])('rejects %s', (_what, entry, message) => {
    expect(problemsOf([entry]).join('\n')).toMatch(message);
  });

  it('rejects duplicate ids, ids of other claims, and conflicts with unknown or self', () => {
    expect(problemsOf([good, good])).toEqual(["claims[1] (id 'my.getppid.runsc'): id: 'my.getppid.runsc' is used by another claim"]);
    expect(problemsOf([good], ['my.getppid.runsc'])[0]).toMatch(/is used by another claim/);
    expect(problemsOf([{ ...good, conflictsWith: ['nope', 'my.getppid.runsc'] }])).toEqual([
      "claims[0] (id 'my.getppid.runsc'): conflictsWith.0: no claim has id 'nope'",
      "claims[0] (id 'my.getppid.runsc'): conflictsWith.1: a claim cannot conflict with itself",
    ]);
    expect(problemsOf([{ ...good, conflictsWith: ['builtin.x'] }], ['builtin.x'])).toEqual([]);
  });

  it('accepts an unmeasurable claim (measure null)', () => {
    expect(problemsOf([{ ...good, measure: null, claimed: { min: 1, max: 3, unit: '%' } }])).toEqual([]);
  });
});

describe('parseClaimsFile', () => {
  it('wants an object with a claims array and nothing else', () => {
    expect(parseClaimsFile({ claims: [good] }).ok).toBe(true);
    expect(parseClaimsFile([good])).toEqual({ ok: false, problems: ['file: Invalid input: expected object, received array'] });
    expect(parseClaimsFile({ claims: {} })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^claims: /)] });
    expect(parseClaimsFile({ claims: [], more: 1 })).toMatchObject({ ok: false, problems: [expect.stringMatching(/Unrecognized key/)] });
  });
});

describe('units', () => {
  it.each([
    [1, 'us', 'ns', 1000],
    [1, 'us/op', 'ns/op', 1000],
    [1, 's', 'ms', 1000],
    [100, 'MB', 'MiB', 100e6 / 2 ** 20],
    [1, 'GiB', 'MiB', 1024],
    [50, '%', '%', 50],
  ])('%d %s = %d %s', (value, from, to, expected) => {
    expect(convertUnit(value, from, to)).toBeCloseTo(expected as number, 12);
  });

  it('refuses conversions across families and unknown units', () => {
    expect(convertUnit(1, 'ns', 'ns/op')).toBeUndefined();
    expect(convertUnit(1, 'ms', 'MiB')).toBeUndefined();
    expect(convertible('furlongs', 'ms')).toBe(false);
    expect(CLAIM_UNITS.every(isKnownUnit)).toBe(true);
    expect(isKnownUnit('ops/s')).toBe(true);
  });
});

describe('examples/claims.json', () => {
  it('is a valid claims file next to the built-in claims', async () => {
    const { readFileSync } = await import('node:fs');
    const { BUILTIN_CLAIMS } = await import('../../src/claims/index.js');
    const json = JSON.parse(readFileSync(new URL('../../examples/claims.json', import.meta.url), 'utf8')) as unknown;
    const result = parseClaimsFile(json, BUILTIN_CLAIMS.map((c) => c.id));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

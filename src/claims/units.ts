/**
 * Units a claim may be stated in, and conversion to the unit a workload reports. A claim keeps
 * the unit of its source ("50-100MB" stays MB); verdicts convert the claimed range to the
 * measured unit. Conversion happens only within one family; anything else is a mismatch.
 *
 * MB, KB and GB are SI (10^6, 10^3, 10^9 bytes), as written; isobench reports memory in MiB
 * (2^20 bytes), so "100 MB" is compared as 95.37 MiB. The seed documents do not say which they
 * mean; taking them literally is the only reading that does not guess.
 */

const FAMILIES: readonly (readonly [family: string, units: Readonly<Record<string, number>>])[] = [
  ['time', { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9 }],
  ['time per operation', { 'ns/op': 1, 'us/op': 1e3, 'µs/op': 1e3, 'ms/op': 1e6 }],
  ['size', { B: 1, KB: 1e3, kB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }],
  ['rate', { 'ops/s': 1 }],
  ['percent', { '%': 1 }],
];

/** Every unit a claim may use. */
export const CLAIM_UNITS: readonly string[] = FAMILIES.flatMap(([, units]) => Object.keys(units));

export function isKnownUnit(unit: string): boolean {
  return CLAIM_UNITS.includes(unit);
}

function factorOf(unit: string): { family: string; factor: number } | undefined {
  for (const [family, units] of FAMILIES) {
    const factor = units[unit];
    if (factor !== undefined) return { family, factor };
  }
  return undefined;
}

/** `value` in `from` expressed in `to`; undefined when the units are not of one family. */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const source = factorOf(from);
  const target = factorOf(to);
  if (source === undefined || target === undefined || source.family !== target.family) return undefined;
  return (value * source.factor) / target.factor;
}

/** Whether a value in `from` can be expressed in `to`. */
export function convertible(from: string, to: string): boolean {
  return convertUnit(1, from, to) !== undefined;
}

/**
 * The built-in claims of both seed documents, validated when this module loads (a malformed
 * built-in claim is a programming error and fails loudly, and every test that imports it).
 *
 * Left out on purpose: claims about things isobench never runs (full VMs "30-60s" / "500MB+",
 * hardware-assisted isolation, WASM containers), relative claims without a measurable baseline
 * ("Kata Containers 3.0 性能提升20%+", "安全性提升50%"), platform-wide averages ("平均性能开销
 * 3-5%"), and the order-of-magnitude words of §1.1 (秒级, 毫秒级, MB级).
 */
import { LATENCY_CLAIMS, THROUGHPUT_CLAIMS } from './builtin-latency.js';
import { CPU_CLAIMS, MEMORY_CLAIMS } from './builtin-footprint.js';
import { OVERHEAD_CLAIMS } from './builtin-overhead.js';
import { STARTUP_CLAIMS } from './builtin-startup.js';
import { TRADEOFFS_CLAIMS } from './builtin-tradeoffs.js';
import { parseClaims } from './parse.js';
import type { Claim, ClaimInput } from './schema.js';

export const BUILTIN_CLAIM_INPUTS: readonly ClaimInput[] = [
  ...LATENCY_CLAIMS,
  ...THROUGHPUT_CLAIMS,
  ...STARTUP_CLAIMS,
  ...MEMORY_CLAIMS,
  ...CPU_CLAIMS,
  ...OVERHEAD_CLAIMS,
  ...TRADEOFFS_CLAIMS,
];

function load(inputs: readonly ClaimInput[]): readonly Claim[] {
  const parsed = parseClaims(inputs, [], 'built-in claims');
  if (!parsed.ok) throw new Error(`invalid built-in claims:\n${parsed.problems.join('\n')}`);
  return parsed.claims;
}

export const BUILTIN_CLAIMS: readonly Claim[] = load(BUILTIN_CLAIM_INPUTS);

export type { Claim, ClaimInput, ClaimMeasure, ClaimedRange, Quantity } from './schema.js';
export { parseClaims, parseClaimsFile, type ClaimsParse } from './parse.js';
export { convertUnit, convertible, isKnownUnit } from './units.js';

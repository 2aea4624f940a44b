import type { RegisteredRuntime } from '../engine/info.js';
import { resolveKata, tierOf } from '../runtimes/targets.js';

/**
 * Targets `isobench compat` runs by default: native, runc, runc:unconfined, runsc, every other
 * gVisor runtime Docker has (each release or platform gets its own column), and Kata if Docker has it.
 */
export function compatTargetIds(available: readonly RegisteredRuntime[]): string[] {
  const ids = ['native'];
  if (available.some((r) => r.name === 'runc')) ids.push('runc', 'runc:unconfined');
  if (available.some((r) => r.name === 'runsc')) ids.push('runsc');
  for (const r of available) if (r.name !== 'runsc' && tierOf(r.name) === 'sandbox') ids.push(r.name);
  if (resolveKata(available)) ids.push('kata');
  return ids;
}

import type { HostMeasure } from '../workloads/types.js';
import type { Measurement } from './measurement.js';
import { measureMemory } from './memory.js';
import { measureNet } from './net.js';
import { measureOutput } from './output.js';
import { measureStartup } from './startup.js';

/** Measurements taken from the host rather than printed by a workload's program: one registry line each. */
export const HOST_MEASUREMENTS: Readonly<Record<HostMeasure, Measurement>> = {
  startup: measureStartup,
  memory: measureMemory,
  net: measureNet,
};

/** How a workload is measured: its host measurement, else its program's own output. */
export function measurementFor(hostMeasured: HostMeasure | undefined): Measurement {
  return hostMeasured ? HOST_MEASUREMENTS[hostMeasured] : measureOutput;
}

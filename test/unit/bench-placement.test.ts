import { describe, expect, it } from 'vitest';
import {
  SANDBOX_MIN_BATCH_MS, batchMsFor, choosePlacement, cpusetFor, formatCpuList, parseCpuList,
} from '../../src/bench/placement.js';
import { batchText } from '../../src/cli/paired-part.js';

describe('placement', () => {
  it('pins workloads to the last CPU and isobench to the others on a host of 2 or more CPUs', () => {
    expect(choosePlacement(2)).toEqual({ workloadCpus: '1', isobenchCpus: '0', source: 'default' });
    expect(choosePlacement(8)).toEqual({ workloadCpus: '7', isobenchCpus: '0-6', source: 'default' });
  });

  it('pins nothing on one CPU', () => {
    expect(choosePlacement(1)).toEqual({ workloadCpus: null, isobenchCpus: null, source: 'single-cpu' });
  });

  it('takes --cpus for the workloads and gives isobench the rest, or nothing to pin when none is left', () => {
    expect(choosePlacement(4, '1,3')).toEqual({ workloadCpus: '1,3', isobenchCpus: '0,2', source: 'cpus' });
    expect(choosePlacement(2, '0-1')).toEqual({ workloadCpus: '0-1', isobenchCpus: null, source: 'cpus' });
  });

  it('parses and formats CPU lists', () => {
    expect(parseCpuList('3,0-1, 1', 4)).toEqual([0, 1, 3]);
    expect(formatCpuList([0, 1, 2, 5, 7, 8])).toBe('0-2,5,7-8');
  });

  it('rejects a CPU the host does not have, a reversed range and text, naming the value', () => {
    for (const bad of ['2', '1-0', 'x', '', '1,,2', '-1']) expect(() => parseCpuList(bad, 2)).toThrow(`invalid value for --cpus: '${bad}'`);
  });

  it('pins native processes and containers to the workload CPUs, never a sandbox or a VM', () => {
    expect(cpusetFor('native', '1')).toBe('1');
    expect(cpusetFor('container', '1')).toBe('1');
    expect(cpusetFor('sandbox', '1')).toBeUndefined();
    expect(cpusetFor('vm', '1')).toBeUndefined();
    expect(cpusetFor('container', undefined)).toBeUndefined();
  });

  it('gives sandboxes and VMs batches of at least SANDBOX_MIN_BATCH_MS, the others --batch-ms, and says so', () => {
    expect(batchMsFor('native', 20)).toBe(20);
    expect(batchMsFor('container', 20)).toBe(20);
    expect(batchMsFor('sandbox', 20)).toBe(SANDBOX_MIN_BATCH_MS);
    expect(batchMsFor('vm', 10)).toBe(SANDBOX_MIN_BATCH_MS);
    expect(batchMsFor('sandbox', SANDBOX_MIN_BATCH_MS + 50)).toBe(SANDBOX_MIN_BATCH_MS + 50);
    const targets = [
      { id: 'native', tier: 'native' }, { id: 'runc', tier: 'container' },
      { id: 'runsc', tier: 'sandbox' }, { id: 'kata', tier: 'vm' },
    ] as const;
    expect(batchText(20, targets)).toBe(`20 ms batches (runsc, kata: ${SANDBOX_MIN_BATCH_MS} ms)`);
    expect(batchText(20, targets.slice(0, 2))).toBe('20 ms batches');
    expect(batchText(500, targets)).toBe('500 ms batches');
  });
});

import { describe, expect, it } from 'vitest';
import { CALLS_METRICS } from '../../src/workloads/calls-spec.js';
import { PAGE_FAULT, PRICINGS, pricingOf } from '../../src/predict/mapping.js';

describe('mapping of system calls to metrics', () => {
  it('prices every mapped call by a metric the calls workload (or getppid of syscall) measures', () => {
    const names = new Set(CALLS_METRICS.map((m) => m.name));
    for (const p of PRICINGS) {
      for (const ref of p.minus ? [p.from, p.minus] : [p.from]) {
        expect(ref.workload === 'calls' ? names.has(ref.metric) : ref.metric === 'getppid').toBe(true);
        expect(ref.share).toBeGreaterThan(0);
        expect(ref.share).toBeLessThanOrEqual(1);
      }
    }
    expect(names.has(PAGE_FAULT.metric)).toBe(true);
  });

  it('classes what it cannot price, and calls unknown names cheap', () => {
    expect(pricingOf('read')).toMatchObject({ kind: 'metric', pricing: { cls: 'file', from: { metric: 'read_64b' } } });
    expect(pricingOf('execve')).toMatchObject({ kind: 'metric', pricing: { from: { metric: 'fork_execve_wait' }, minus: { metric: 'fork_exit_wait' } } });
    expect(pricingOf('ioctl')).toEqual({ kind: 'class', cls: 'file' });
    expect(pricingOf('madvise')).toEqual({ kind: 'class', cls: 'memory' });
    expect(pricingOf('socket')).toEqual({ kind: 'class', cls: 'network' });
    expect(pricingOf('kill')).toEqual({ kind: 'class', cls: 'cheap' });
    expect(pricingOf('prctl')).toEqual({ kind: 'class', cls: 'cheap' });
    expect(pricingOf('no_such_call')).toEqual({ kind: 'class', cls: 'cheap' });
  });
});

import { describe, expect, it } from 'vitest';
import { runMeta } from '../../src/cli/run-meta.js';
import type { RunRecord } from '../../src/store/records.js';

const host = {
  hostname: 'vm', kernel: '6.18', os: 'Debian GNU/Linux 12 (bookworm)', cpuModel: 'AMD EPYC', cpus: 2, memTotalBytes: 25_275_990_016,
  virtualised: true, hardwareVirtualisation: false, kvmDevice: true, dockerVersion: '20.10.24+dfsg1', dockerApiVersion: '1.41', cgroup: 'hybrid',
};
const run = (config: Record<string, unknown>): RunRecord => ({
  id: 'r', startedAt: '2026-12-01T08:51:55.829Z', finishedAt: null, status: 'complete', seed: 1, host, config, targets: [], error: null,
  trialCounts: { ok: 1, failed: 0, skipped: 0, interrupted: 0 },
});

describe('runMeta', () => {
  it('reads the configuration a run stored (as run-command.ts writes it)', () => {
    const meta = runMeta(run({
      quick: true, workloads: ['syscall'], repetitions: 3, budget: { repetitions: 3, repBudgetMs: 50, warmupMs: 50 }, trialTimeoutMs: 57_000,
      engine: { storageDriver: 'overlay2', cgroupVersion: '1', cgroupDriver: 'cgroupfs' },
    }), '0.1.0');
    expect(meta).toMatchObject({
      quick: true, workloads: ['syscall'], repetitions: 3, samples: 3, budgetMs: 50, warmupMs: 50, trialTimeoutMs: 57_000,
      storageDriver: 'overlay2', cgroup: 'hybrid; engine: v1 (cgroupfs)', dockerVersion: '20.10.24+dfsg1', os: 'Debian GNU/Linux 12 (bookworm)',
      memTotalBytes: 25_275_990_016, isobenchVersion: null, reportVersion: '0.1.0', containerdVersion: null,
    });
  });

  it('says "not recorded" (null) for what an older or odd config lacks, never fails', () => {
    const meta = runMeta(run({ quick: 'yes', budget: 7 }), null);
    expect(meta).toMatchObject({ quick: null, repetitions: null, samples: null, budgetMs: null, storageDriver: null, workloads: [] });
  });
});

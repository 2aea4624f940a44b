import { describe, expect, it } from 'vitest';
import { cpuShareNotes, pairedRows, precisionNotes, roundsPerBlock } from '../../src/bench/paired-run.js';
import type { FinishedTrial } from '../../src/store/records.js';

const trial = (target: string, values: readonly number[], status: FinishedTrial['status'] = 'ok'): FinishedTrial => ({
  seq: 0, target, workload: 'syscall', repetition: 0, status, reason: null, stderrTail: null, startedAt: '', durationMs: 1,
  samples: values.map((value, rep) => ({ metric: 'getppid', unit: 'ns/op', value, iterations: 1000, rep })),
});

describe('precisionNotes', () => {
  // by hand: mean 105, squared deviations sum to 2550, sd = sqrt(2550 / 7) = 19.09, cv 18.2 %; range 50 / median 105 = 48 %
  it('reports the baseline drift and no warning when the drift cancels in the pairs', () => {
    const native = [100, 130, 80, 120, 90, 125, 85, 110];
    const notes = precisionNotes([trial('native', native), trial('runc', native.map((v) => v * 1.2))], 'native', 3);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^host drift over rounds \(native's batches\): cv 18\.2 % at worst \(syscall getppid, range 48 %\)$/);
  });

  it('warns where a ratio is known less precisely than asked', () => {
    const native = [100, 100, 100, 100, 100, 100, 100, 100];
    const runc = [110, 140, 90, 125, 100, 150, 95, 120];
    const notes = precisionNotes([trial('native', native), trial('runc', runc)], 'native', 3);
    expect(notes[1]).toMatch(/^warning: syscall getppid runc\/native = 1\.1\d is known only to ±\d+\.\d % over 8 rounds \(native drifted cv 0\.0 %\)/);
  });

  it('leaves out failed trials', () => {
    expect(pairedRows([trial('native', [1, 2]), trial('runc', [3, 4], 'failed')]).map((r) => r.target)).toEqual(['native', 'native']);
  });
});

describe('cpuShareNotes', () => {
  it("gives each target's on-CPU share and warns for those under 80 % of the best share", () => {
    const notes = cpuShareNotes('cpu', new Map([['native', 0.35], ['runc', 1], ['runc:unconfined', 0.85], ['runsc', 0], ['kata', null]]));
    expect(notes).toEqual([
      'paired cpu: on-CPU share of the batches (median): native 35 %, runc 100 %, runc:unconfined 85 %',
      expect.stringMatching(/^warning: cpu: native had the CPU for under 80 % of the best target's share/),
    ]);
    // a file workload waiting for I/O: all low, none far under the best
    expect(cpuShareNotes('fileio', new Map([['native', 0.5], ['runc', 0.55]]))).toHaveLength(1);
    expect(cpuShareNotes('cpu', new Map([['native', null], ['runsc', 0.001]]))).toEqual([]);
  });
});

describe('roundsPerBlock', () => {
  it('splits the rounds as evenly as can be, the longer blocks first, every round in some block', () => {
    expect(roundsPerBlock(40, 4)).toEqual([10, 10, 10, 10]);
    expect(roundsPerBlock(15, 4)).toEqual([4, 4, 4, 3]);
    expect(roundsPerBlock(5, 1)).toEqual([5]);
    expect(roundsPerBlock(3, 3)).toEqual([1, 1, 1]);
  });
});

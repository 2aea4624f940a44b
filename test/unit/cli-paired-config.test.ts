import { describe, expect, it } from 'vitest';
import { checkProcessOptions, pairedConfig } from '../../src/cli/paired-config.js';

describe('pairedConfig', () => {
  it('defaults to paired mode: 40 rounds in 8 blocks of 20 ms (quick: 15, 1, 10 ms), pinned on 2 CPUs', () => {
    expect(pairedConfig({ quick: false }, 2)).toEqual({
      mode: 'paired', rounds: 40, blocks: 8, batchMs: 20, precisionPct: null,
      placement: { workloadCpus: '1', isobenchCpus: '0', source: 'default' },
    });
    expect(pairedConfig({ quick: true, mode: 'paired' }, 1))
      .toMatchObject({ rounds: 15, blocks: 1, batchMs: 10, placement: { workloadCpus: null } });
  });

  it('takes --rounds, --blocks, --batch-ms, --precision and --cpus', () => {
    const given = { rounds: 9, blocks: 3, batchMs: 5 };
    expect(pairedConfig({ quick: false, mode: 'paired', ...given, precision: 2.5, cpus: '0' }, 2)).toEqual({
      mode: 'paired', ...given, precisionPct: 2.5, placement: { workloadCpus: '0', isobenchCpus: '1', source: 'cpus' },
    });
  });

  it('fits the default blocks to fewer rounds, and rejects more blocks than rounds', () => {
    expect(pairedConfig({ quick: false, mode: 'paired', rounds: 2 }, 2).blocks).toBe(2);
    expect(() => pairedConfig({ quick: false, mode: 'paired', rounds: 3, blocks: 5 }, 2))
      .toThrow('--blocks 5 is more than the 3 rounds');
    expect(() => pairedConfig({ quick: false, mode: 'process', blocks: 2 }, 2))
      .toThrow('--blocks applies to --mode paired only');
  });

  it('rejects the paired options with --mode process, and a CPU the host does not have', () => {
    expect(() => pairedConfig({ quick: false, mode: 'process', rounds: 3 }, 2))
      .toThrow('--rounds applies to --mode paired only');
    expect(() => pairedConfig({ quick: false, mode: 'process', cpus: '1' }, 2)).toThrow('--cpus applies to --mode paired only');
    expect(() => pairedConfig({ quick: false, mode: 'paired', cpus: '4' }, 2)).toThrow("invalid value for --cpus: '4'");
    expect(pairedConfig({ quick: false, mode: 'process' }, 2).placement.workloadCpus).toBeNull();
  });

  it('rejects an option of one-process trials when every workload of the run is paired, naming it', () => {
    const none = 'applies to trials of one process each, and this run has none:'
      + ' syscall, cpu run paired (the default --mode)';
    expect(() => checkProcessOptions({ quick: false, repetitions: 3 }, ['syscall', 'cpu'], 0))
      .toThrow(`--repetitions ${none}`);
    expect(() => checkProcessOptions({ quick: true, samples: 2 }, ['syscall', 'cpu'], 0)).toThrow('--samples applies');
    expect(() => checkProcessOptions({ quick: false, budgetMs: 9 }, ['cpu'], 0))
      .toThrow(': cpu runs paired (the default --mode)');
    expect(() => checkProcessOptions({ quick: false, trialTimeout: 9 }, ['cpu'], 0)).toThrow('--trial-timeout applies');
    // they apply to the run's other workloads, or to every workload in process mode; --quick and --warmup-ms always do
    expect(() => checkProcessOptions({ quick: false, repetitions: 3 }, ['cpu'], 1)).not.toThrow();
    expect(() => checkProcessOptions({ quick: false, repetitions: 3 }, [], 2)).not.toThrow();
    expect(() => checkProcessOptions({ quick: true, warmupMs: 5 }, ['cpu'], 0)).not.toThrow();
  });
});

import { existsSync } from 'node:fs';
import { COMPAT_CLAIMS } from '../claims/builtin-compat.js';
import { CHECK_IDS } from '../compat/checks.js';
import { matrixOfRun } from '../compat/from-run.js';
import { onlyDifferences } from '../compat/matrix.js';
import { renderCompat, type CompatFormat } from '../compat/render.js';
import { judgeCompatClaims } from '../compat/verdicts.js';
import { IsobenchError, usageError } from '../errors.js';
import { readHostFacts } from '../host/facts.js';
import { Store } from '../store/store.js';
import { compatTargetIds } from './compat-targets.js';
import { probeOneCheck } from './compat-probe.js';
import { runCommand } from './run-command.js';
import { prepareTargets } from './targets-setup.js';

export interface CompatCommandOptions {
  readonly db: string;
  readonly runtimes?: string[];
  readonly format: CompatFormat;
  readonly onlyDifferences: boolean;
  readonly probe?: string;
  readonly quiet: boolean;
}

/** The module serving /dev/kvm (kvm_pvm cannot boot a stock guest: runsc's KVM platform hangs there). */
function kvmModule(): string | null {
  return ['kvm_pvm', 'kvm_intel', 'kvm_amd'].find((m) => existsSync(`/sys/module/${m}`)) ?? null;
}

/**
 * `isobench compat`: a run of the compat workload on every requested target (stored like any
 * run), then its matrix and the verdicts of the second seed's claims on stdout. `--probe ID`
 * runs that one check verbosely on each target instead, and stores nothing.
 */
export async function compatCommand(options: CompatCommandOptions): Promise<number> {
  if (options.probe !== undefined && !CHECK_IDS.includes(options.probe)) {
    throw usageError(`unknown check '${options.probe}'`, `accepted: ${CHECK_IDS.join(', ')}`);
  }
  const host = readHostFacts(null);
  const prepared = await prepareTargets(options.runtimes, host.kernel, (input) => compatTargetIds(input, { ...host, kvmModule: kvmModule() }));
  const targets = prepared.targets;
  if (options.probe !== undefined) return probeOneCheck(prepared.executors, options.probe);
  const startedAfter = new Date(Date.now() - 1000).toISOString();
  const code = await runCommand({ db: options.db, runtimes: targets.map((t) => t.id), workloads: ['compat'], quick: false, repetitions: 1, format: 'table', report: false, quiet: options.quiet });
  const store = Store.open(options.db, { readonly: true });
  try {
    const run = store
      .listRuns()
      .filter((r) => r.startedAt >= startedAfter && JSON.stringify(r.config.workloads) === '["compat"]')
      .at(-1);
    if (!run) throw new IsobenchError('DATABASE', `the compat run is not in ${options.db}`, { hint: 'run isobench compat again' });
    const matrix = matrixOfRun(run.id, run.targets, store.trials(run.id), store.compatChecks(run.id));
    if (!matrix) return code;
    const verdicts = judgeCompatClaims(matrix, COMPAT_CLAIMS);
    process.stdout.write(renderCompat(options.format, options.onlyDifferences ? onlyDifferences(matrix) : matrix, verdicts));
    return code;
  } finally {
    store.close();
  }
}

import { COMPAT_CLAIMS } from '../claims/builtin-compat.js';
import { CHECK_IDS } from '../compat/checks.js';
import { matrixOfRun } from '../compat/from-run.js';
import { onlyDifferences } from '../compat/matrix.js';
import { renderCompat, type CompatFormat } from '../compat/render.js';
import { judgeCompatClaims } from '../compat/verdicts.js';
import { connectDocker } from '../engine/connect.js';
import { readEngineInfo } from '../engine/info.js';
import { IsobenchError, usageError } from '../errors.js';
import { resolveTargets } from '../runtimes/targets.js';
import { Store } from '../store/store.js';
import { compatTargetIds } from './compat-targets.js';
import { probeOneCheck } from './compat-probe.js';
import { runCommand } from './run-command.js';

export interface CompatCommandOptions {
  readonly db: string;
  readonly runtimes?: string[];
  readonly format: CompatFormat;
  readonly onlyDifferences: boolean;
  readonly probe?: string;
  readonly quiet: boolean;
}

async function availableRuntimes(requested: readonly string[] | undefined) {
  if (requested !== undefined && requested.every((r) => r === 'native')) return { docker: null, available: [] };
  const { docker } = await connectDocker();
  return { docker, available: (await readEngineInfo(docker)).runtimes };
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
  const { docker, available } = await availableRuntimes(options.runtimes);
  const ids = options.runtimes ?? compatTargetIds(available);
  const targets = resolveTargets(ids, available);
  if (options.probe !== undefined) return probeOneCheck(docker, targets, options.probe);
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

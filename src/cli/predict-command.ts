/** `isobench predict PROFILE [--run RUN] [--runtimes …] [--format …]`: a profile priced by a run's per-call costs. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRandom } from '../analysis/random.js';
import { usageError } from '../errors.js';
import { costTable } from '../predict/costs.js';
import { predict } from '../predict/predict.js';
import { describeSubject, parseProfile, type Profile, UNREADABLE_HINT, unreadableText } from '../profile/profile.js';
import { renderPredict, type PredictData, type PredictFormat } from '../report/predict-index.js';
import { matrixOfRun } from '../compat/from-run.js';
import { unsupportedCalls } from '../predict/unsupported.js';
import type { Store } from '../store/store.js';
import { openExisting } from './report-command.js';
import { chooseCostRun } from './cost-run.js';

export interface PredictCommandOptions {
  readonly db: string;
  readonly run?: string;
  readonly runtimes?: readonly string[];
  readonly format: PredictFormat;
  readonly seed?: number;
}

const RESAMPLES = 2000;
const TOP = 5;

/** The profile in a JSON file when PROFILE names one (checked before the database is opened), else undefined. */
function profileFile(ref: string): Profile | undefined {
  if (existsSync(ref) && statSync(ref).isFile()) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(ref, 'utf8'));
    } catch {
      throw usageError(`${ref} is not an isobench profile: it is not JSON`, 'give a file written by isobench profile --output, or a profile id (isobench profiles)');
    }
    const parsed = parseProfile(value);
    if (!parsed.ok) throw usageError(`${ref} is not an isobench profile (${parsed.reason})`, 'give a file written by isobench profile --output, or a profile id (isobench profiles)');
    return parsed.profile;
  }
  return undefined;
}

/** A stored profile by id or unique prefix. */
function storedProfile(ref: string, store: Store): Profile {
  const stored = store.findProfile(ref);
  if (!stored) throw usageError(`no profile '${ref}': neither a file nor a stored profile id (or the prefix matches several)`, 'see isobench profiles');
  if (!('profile' in stored)) throw usageError(unreadableText(stored), UNREADABLE_HINT);
  return stored.profile;
}

/** The profile's calls that fail on each runtime, by the latest compat probe of the profile's host; undefined without one. */
function knownFailures(store: Store, profile: Profile): PredictData['unsupported'] {
  for (const run of store.listRuns().reverse()) {
    if (run.host.hostname !== profile.hostname) continue;
    const matrix = matrixOfRun(run.id, run.targets, store.trials(run.id), store.compatChecks(run.id));
    if (matrix && matrix.targets.length > 0) return { runId: run.id, byRuntime: unsupportedCalls(profile, matrix) };
  }
  return undefined;
}

export function predictCommand(profileRef: string, options: PredictCommandOptions): number {
  const fromFile = profileFile(profileRef);
  const store = openExisting(options.db);
  try {
    const profile = fromFile ?? storedProfile(profileRef, store);
    const run = chooseCostRun(store, options.run);
    const costs = costTable(store.samples(run.id));
    if (!costs.has('native')) throw usageError(`run ${run.id} has no native costs, and every prediction is a difference from native`, 'include native in --runtimes of the run');
    const runtimes = options.runtimes ?? run.targets.map((t) => t.target).filter((t) => t !== 'native');
    const prediction = predict(profile, costs, { runtimes, random: createRandom(options.seed ?? run.seed), resamples: RESAMPLES, top: TOP });
    if (prediction.lacking.length > 0) process.stderr.write(`predict: run ${run.id} has no per-call costs for ${prediction.lacking.join(', ')}\n`);
    const unsupported = knownFailures(store, profile);
    process.stdout.write(renderPredict(options.format, { prediction, subject: describeSubject(profile.subject), runId: run.id, ...(unsupported ? { unsupported } : {}) }));
    return 0;
  } finally {
    store.close();
  }
}

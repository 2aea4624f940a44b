#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { EXIT_INTERRUPTED, EXIT_USAGE, IsobenchError } from '../errors.js';
import { REPORT_FORMATS } from '../report/index.js';
import { safeText } from '../report/format.js';
import { APP_WORKLOAD_IDS, DEFAULT_WORKLOAD_IDS, WORKLOAD_IDS } from '../workloads/catalogue.js';
import { LIMITS } from '../workloads/limits.js';
import { COMPARE_FORMATS } from '../report/compare-index.js';
import { cleanCommand } from './clean-command.js';
import { compareCommand, percentage } from './compare-command.js';
import { compatCommand } from './compat-command.js';
import { COMPAT_FORMATS } from '../compat/render.js';
import { doctorCommand } from './doctor-command.js';
import { finalExitCode, guardOutput } from './output.js';
import { describeDb, locateDb } from './db-path.js';
import { claimsCommand } from './claims-command.js';
import { CLAIMS_FORMATS } from '../report/claims-export.js';
import { EXPORT_OPTIONS, exportPath } from './exports.js';
import { LIST_FORMATS } from '../report/list-formats.js';
import { commaList, oneOf, wholeNumber } from './parse-options.js';
import { reportCommand, runsCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { stabilityCommand } from './stability-command.js';
import { profileCommand, profilesCommand } from './profile-command.js';
import { predictCommand } from './predict-command.js';
import { PREDICT_FORMATS } from '../report/predict-index.js';

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('isobench')
    .description('Measures what container isolation costs: native vs runc, runsc (gVisor) and Kata, stored in SQLite.')
    .version(packageVersion())
    .option('--db <path>', 'SQLite database (default: $ISOBENCH_DB, else results/isobench.db in the checkout when run from it, else $XDG_DATA_HOME/isobench/isobench.db)')
    .option('--verbose', 'say which database is used; show stack traces of errors')
    .showHelpAfterError('(run isobench --help for usage)')
    .exitOverride();
  const db = (): string => {
    const { db: flag, verbose } = program.opts<{ db?: string; verbose?: boolean }>();
    const location = locateDb(flag);
    if (verbose) process.stderr.write(`${describeDb(location)}\n`);
    return location.path;
  };
  const exportsOn = (command: Command): Command => {
    for (const { flag, format: exported } of EXPORT_OPTIONS) command.option(flag, `also write the ${exported} report to this file`, exportPath);
    return command.option('--wide', 'terminal table: every column, whatever the width (default: fit COLUMNS or the terminal)');
  };
  const listFormat = (): Option => new Option('--format <format>', `output format: ${LIST_FORMATS.join(', ')}`).argParser(oneOf(LIST_FORMATS)).default('table');
  const format = new Option('--format <format>', `output format: ${REPORT_FORMATS.join(', ')}`).argParser(oneOf(REPORT_FORMATS)).default('table');

  exportsOn(program
    .command('run'))
    .description('run the benchmarks and store every sample; prints the report on stdout')
    .option('--runtimes <list>', 'comma-separated targets [engine/]runtime[:variant]: native, runc, runc:unconfined, runsc, runsc:systrap|ptrace|kvm, kata[:qemu|clh|fc|dragonball], containerd/runc, containerd/runsc, containerd/kata, or any runtime Docker has (default: native, runc, runc:unconfined, runsc, runsc-distro and kata, those this host has)', commaList)
    .option('--workloads <list>', `comma-separated: ${WORKLOAD_IDS.join(', ')}, or apps for ${APP_WORKLOAD_IDS.join(', ')} (default: ${DEFAULT_WORKLOAD_IDS.join(', ')})`, commaList)
    .option('--quick', 'fewer repetitions and shorter budgets: a first look, and CI', false)
    .option('--repetitions <n>', 'trials per runtime and workload, interleaved (default 5, quick 3;'
      + ' paired per-op workloads take --blocks instead)', wholeNumber(LIMITS.repetitions.min, LIMITS.repetitions.max))
    .option('--samples <n>', 'timed repetitions inside each trial (default 5, quick 3)', wholeNumber(LIMITS.samples.min, LIMITS.samples.max))
    .option('--budget-ms <ms>', 'time budget of one timed repetition (default 200, quick 50)', wholeNumber(LIMITS.budgetMs.min, LIMITS.budgetMs.max))
    .option('--warmup-ms <ms>', 'warm-up before timing (default 200, quick 50)', wholeNumber(LIMITS.warmupMs.min, LIMITS.warmupMs.max))
    .option('--trial-timeout <seconds>', 'a trial still running after this is stopped and failed (default: from the budgets)', wholeNumber(LIMITS.trialTimeoutS.min, LIMITS.trialTimeoutS.max))
    .option('--seed <n>', 'seed of the trial order and the bootstrap (default: random, recorded with the run)', wholeNumber(0, 2 ** 31 - 1))
    .option('--baseline <runtime>', 'baseline of the printed report (default runc, else native)')
    // Paired interleaving of the per-op workloads (issue 15, src/bench/paired.ts).
    .option('--mode <mode>', "per-op workloads: 'paired' (one long-lived process per runtime, short batches in turn,"
      + " the default; see README) or 'process' (one process per trial)", oneOf(['paired', 'process'] as const))
    .option('--rounds <n>', 'paired mode: rounds of batches (default 40, quick 15)', wholeNumber(2, 100_000))
    .option('--blocks <n>', 'paired mode: split the rounds into this many blocks, each with fresh processes'
      + ' (default 8, quick 1)', wholeNumber(1, 1000))
    .option('--batch-ms <ms>', 'paired mode: time budget of one batch (default 20, quick 10)', wholeNumber(1, 60_000))
    .option('--cpus <list>', 'paired mode: CPUs for the workload processes, isobench takes the others (default: the last CPU)')
    .option('--precision <percent>', 'paired mode: add rounds until every ratio to the baseline is known to ±this %', percentage)
    .addOption(format)
    .option('--no-report', 'do not print the report at the end')
    .option('--quiet', 'no progress lines', false)
    .action(async (opts: Record<string, unknown>) => {
      setExit(await runCommand({ ...(opts as object), db: db() } as Parameters<typeof runCommand>[0]));
    });

  exportsOn(program
    .command('report'))
    .argument('[run-id]', 'a run id or a unique prefix (default: the latest run)')
    .description('print the report of a stored run')
    .addOption(format)
    .option('--baseline <runtime>', 'runtime to compare against (default runc, else native)')
    .option('--seed <n>', 'seed of the bootstrap intervals (default: the run\'s seed)', wholeNumber(0, 2 ** 31 - 1))
    .option('--claims <file>', 'also judge the claims in this JSON file (format: examples/claims.json)')
    .option('--samples', 'write every raw sample as CSV instead of the report')
    .option('--all-claims', 'terminal table: list every claim, not only the judged ones')
    .action((runId: string | undefined, opts: { format: (typeof REPORT_FORMATS)[number]; baseline?: string; seed?: number; claims?: string; samples?: boolean; wide?: boolean; allClaims?: boolean }) => {
      setExit(reportCommand(runId, { ...opts, db: db() }));
    });

  program
    .command('claims')
    .argument('[run-id]', 'a run id or a unique prefix (default: the latest run)')
    .description('every published claim judged on a run: one row per claim, with its source, quote, English gloss and verdict')
    .option('--all', 'every claim, also those the run could not measure', false)
    .addOption(new Option('--format <format>', `output format: ${CLAIMS_FORMATS.join(', ')}`).argParser(oneOf(CLAIMS_FORMATS)).default('table'))
    .option('--wide', 'terminal table: every column, whatever the width')
    .option('--claims <file>', 'also judge the claims in this JSON file (format: examples/claims.json)')
    .option('--seed <n>', "seed of the bootstrap intervals (default: the run's seed)", wholeNumber(0, 2 ** 31 - 1))
    .action((runId: string | undefined, opts: { all: boolean; format: (typeof CLAIMS_FORMATS)[number]; wide?: boolean; claims?: string; seed?: number }) => {
      setExit(claimsCommand(runId, { ...opts, db: db() }));
    });

  program
    .command('compare')
    .argument('[base]', 'the earlier run (id or unique prefix)')
    .argument('[new]', 'the later run (default with --against last: the latest run)')
    .description('compare two runs metric by metric; exit 1 when any metric regressed significantly beyond --threshold')
    .option('--against <which>', "'last': compare NEW with the last complete run of its host before it", oneOf(['last'] as const))
    .option('--threshold <percent>', 'smallest regression that fails the gate, in % (default 5)', percentage, 5)
    .addOption(new Option('--format <format>', `output format: ${COMPARE_FORMATS.join(', ')}`).argParser(oneOf(COMPARE_FORMATS)).default('table'))
    .option('--seed <n>', "seed of the bootstrap intervals (default: NEW's seed)", wholeNumber(0, 2 ** 31 - 1))
    .action((base: string | undefined, fresh: string | undefined, opts: { against?: 'last'; threshold: number; format: (typeof COMPARE_FORMATS)[number]; seed?: number }) => {
      setExit(compareCommand(base, fresh, { ...opts, db: db() }));
    });

  program
    .command('runs')
    .description('list the stored runs (and say which database holds them)')
    .addOption(listFormat())
    .action((opts: { format: (typeof LIST_FORMATS)[number] }) => {
      const { db: flag, verbose } = program.opts<{ db?: string; verbose?: boolean }>();
      const location = locateDb(flag);
      // which database: always for a person at a terminal, with --verbose anywhere (a pipe gets the data alone)
      const where = verbose === true || process.stderr.isTTY ? describeDb(location) : undefined;
      setExit(runsCommand({ db: location.path, format: opts.format, ...(where ? { where } : {}) }));
    });

  program
    .command('stability')
    .description("coefficient of variation of each metric's median over the last runs of a host")
    .option('--last <n>', 'how many complete runs (default 5)', wholeNumber(2, 1000), 5)
    .option('--host <hostname>', 'whose runs (default: the host of the latest complete run)')
    .option('--baseline <runtime>', 'also the spread of each runtime\'s ratio to this one, within each run', 'native')
    .addOption(listFormat())
    .action((opts: { last: number; host?: string; baseline: string; format: (typeof LIST_FORMATS)[number] }) => setExit(stabilityCommand({ ...opts, db: db() })));

  // isobench profile / profiles (issue: predict my application's slowdown)
  program
    .command('profile')
    .argument('[command...]', 'the command to profile, after --')
    .usage('[--output FILE] [--runs N] -- COMMAND [ARGS…]  |  --pid PID --duration S')
    .description('profile a command natively: untraced runs under perf stat (wall, CPU, faults), then one run under'
      + ' strace -c -f (call counts) and one under perf trace (kinds of page fault); stored. '
      + "A prediction uses the traced runs' counts and the untraced runs' wall time,"
      + " so the tracers' overhead stays out of it")
    .option('--output <file>', 'also write the profile as JSON to this file')
    .option('--runs <n>', 'untraced runs; the native baseline is their median wall time', wholeNumber(1, 100), 3)
    .option('--pid <pid>', 'profile a running process instead of a command', wholeNumber(1, 2 ** 22))
    .option('--duration <seconds>', 'with --pid: how long to count it, then how long to trace it', wholeNumber(1, 3600))
    .action(async (argv: string[], opts: { output?: string; runs: number; pid?: number; duration?: number }) => {
      setExit(await profileCommand(argv, { ...opts, db: db() }));
    });

  program
    .command('profiles')
    .argument('[id]', 'a profile id or unique prefix: print that profile as JSON')
    .description('list the stored profiles, or export one as JSON')
    .option('--no-trunc', 'on a terminal too, print each command line whole (else cut to 60 characters)')
    .action((id: string | undefined, opts: { trunc: boolean }) => {
      setExit(profilesCommand(id, { db: db(), truncate: opts.trunc && process.stdout.isTTY === true }));
    });

  program
    .command('predict')
    .argument('<profile>', 'a stored profile id (or unique prefix), or a profile JSON file')
    .description("predict a profiled program's run time and slowdown per runtime from a run's per-call costs")
    .option('--run <run-id>', 'the run whose costs to use (default: the latest with the calls and syscall workloads)')
    .option('--runtimes <list>', "comma-separated runtimes (default: the run's, less native)", commaList)
    .addOption(new Option('--format <format>', `output format: ${PREDICT_FORMATS.join(', ')}`).argParser(oneOf(PREDICT_FORMATS)).default('table'))
    .option('--seed <n>', "seed of the bootstrap intervals (default: the run's seed)", wholeNumber(0, 2 ** 31 - 1))
    .action((profile: string, opts: { run?: string; runtimes?: string[]; format: (typeof PREDICT_FORMATS)[number]; seed?: number }) => {
      setExit(predictCommand(profile, { ...opts, db: db() }));
    });

  program
    .command('compat')
    .description('will it run at all? the compatibility probe on every target: a check × target matrix, stored, and the second seed\'s claims judged')
    .option('--runtimes <list>', 'comma-separated targets (default: the run defaults, every other gVisor runtime Docker has but one known to hang here, containerd/runc and containerd/runsc)', commaList)
    .addOption(new Option('--format <format>', `output format: ${COMPAT_FORMATS.join(', ')}`).argParser(oneOf(COMPAT_FORMATS)).default('table'))
    .option('--only-differences', 'only the checks whose result is not the same on every target', false)
    .option('--probe <check>', 'run this one check verbosely on each target (nothing stored)')
    .option('--quiet', 'no progress lines', false)
    .action(async (opts: { runtimes?: string[]; format: (typeof COMPAT_FORMATS)[number]; onlyDifferences: boolean; probe?: string; quiet: boolean }) => {
      setExit(await compatCommand({ ...opts, db: db() }));
    });

  program
    .command('clean')
    .description('remove containers a killed isobench left behind (and its images with --images)')
    .option('--images', 'also remove the workload images', false)
    .action(async (opts: { images: boolean }) => setExit(await cleanCommand(opts)));

  program
    .command('doctor')
    .description('check the engine, runtimes, KVM, cgroups and leftovers; a smoke trial per runtime')
    .option('--json', 'machine-readable output', false)
    .option('--no-smoke', 'skip the smoke trial per runtime')
    .action(async (opts: { json: boolean; smoke: boolean }) => setExit(await doctorCommand(opts)));

  return program;
}

/** An error's text may quote stored or user strings: control characters go, its own line breaks stay. */
function terminalLines(text: string): string {
  return text.split('\n').map(safeText).join('\n');
}

function printError(error: unknown, verbose: boolean): number {
  if (error instanceof IsobenchError) {
    process.stderr.write(`isobench: error: ${terminalLines(error.message)}\n`);
    if (error.hint) process.stderr.write(`  ${terminalLines(error.hint)}\n`);
    if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  process.stderr.write(`isobench: unexpected error: ${terminalLines(error instanceof Error ? error.message : String(error))}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('  run again with --verbose for a stack trace\n');
  return 1;
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; every other commander error is a usage error, already printed
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    return printError(error, argv.includes('--verbose'));
  }
}

guardOutput();
const exitCode = finalExitCode(await main(process.argv));
// A stopped command leaves at once: while a natural exit tears Node down, SIGINT is back to its
// default action, and a Ctrl-C landing then would turn exit code 130 into death by the signal.
// (Writes to pipes, files and terminals are synchronous on Linux: nothing written is lost.)
if (exitCode === EXIT_INTERRUPTED) process.exit(exitCode);
process.exitCode = exitCode;

#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, IsobenchError } from '../errors.js';
import { REPORT_FORMATS } from '../report/index.js';
import { WORKLOAD_IDS } from '../workloads/catalogue.js';
import { COMPARE_FORMATS } from '../report/compare-index.js';
import { cleanCommand } from './clean-command.js';
import { compareCommand, percentage } from './compare-command.js';
import { doctorCommand } from './doctor-command.js';
import { resolveDbPath } from './db-path.js';
import { commaList, oneOf, wholeNumber } from './parse-options.js';
import { reportCommand, runsCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { stabilityCommand } from './stability-command.js';

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
    .option('--db <path>', 'SQLite database (default: $ISOBENCH_DB or results/isobench.db)')
    .option('--verbose', 'show stack traces of errors')
    .showHelpAfterError('(run isobench --help for usage)')
    .exitOverride();
  const db = (): string => resolveDbPath(program.opts<{ db?: string }>().db);
  const format = new Option('--format <format>', `output format: ${REPORT_FORMATS.join(', ')}`).argParser(oneOf(REPORT_FORMATS)).default('table');

  program
    .command('run')
    .description('run the benchmarks and store every sample; prints the report on stdout')
    .option('--runtimes <list>', 'comma-separated: native, runc, runc:unconfined, runsc, kata, or any runtime Docker has (default: native and each of runc, runsc, kata that Docker has)', commaList)
    .option('--workloads <list>', `comma-separated: ${WORKLOAD_IDS.join(', ')} (default: all)`, commaList)
    .option('--quick', 'fewer repetitions and shorter budgets: a first look, and CI', false)
    .option('--repetitions <n>', 'trials per runtime and workload, interleaved (default 5, quick 3)', wholeNumber(1, 1000))
    .option('--samples <n>', 'timed repetitions inside each trial (default 5, quick 3)', wholeNumber(1, 1000))
    .option('--budget-ms <ms>', 'time budget of one timed repetition (default 200, quick 50)', wholeNumber(1, 600_000))
    .option('--warmup-ms <ms>', 'warm-up before timing (default 200, quick 50)', wholeNumber(0, 600_000))
    .option('--trial-timeout <seconds>', 'a trial still running after this is stopped and failed (default: from the budgets)', wholeNumber(1, 86_400))
    .option('--seed <n>', 'seed of the trial order and the bootstrap (default: random, recorded with the run)', wholeNumber(0, 2 ** 31 - 1))
    .option('--baseline <runtime>', 'baseline of the printed report (default runc, else native)')
    // Paired interleaving of the per-op workloads (issue 15, src/bench/paired.ts).
    .option('--mode <mode>', "per-op workloads: 'paired' (one long-lived process per runtime, short batches in turn) or 'process' (one process per trial)", oneOf(['paired', 'process'] as const), 'paired')
    .option('--rounds <n>', 'paired mode: rounds of batches (default 40, quick 15)', wholeNumber(2, 100_000))
    .option('--batch-ms <ms>', 'paired mode: time budget of one batch (default 20, quick 10)', wholeNumber(1, 60_000))
    .option('--cpus <list>', 'paired mode: CPUs for the workload processes, isobench takes the others (default: the last CPU)')
    .option('--precision <percent>', 'paired mode: add rounds until every ratio to the baseline is known to ±this %', percentage)
    .addOption(format)
    .option('--no-report', 'do not print the report at the end')
    .option('--quiet', 'no progress lines', false)
    .action(async (opts: Record<string, unknown>) => {
      setExit(await runCommand({ ...(opts as object), db: db() } as Parameters<typeof runCommand>[0]));
    });

  program
    .command('report')
    .argument('[run-id]', 'a run id or a unique prefix (default: the latest run)')
    .description('print the report of a stored run')
    .addOption(format)
    .option('--baseline <runtime>', 'runtime to compare against (default runc, else native)')
    .option('--seed <n>', 'seed of the bootstrap intervals (default: the run\'s seed)', wholeNumber(0, 2 ** 31 - 1))
    .option('--claims <file>', 'also judge the claims in this JSON file (format: examples/claims.json)')
    .option('--samples', 'write every raw sample as CSV instead of the report')
    .action((runId: string | undefined, opts: { format: (typeof REPORT_FORMATS)[number]; baseline?: string; seed?: number; claims?: string; samples?: boolean }) => {
      setExit(reportCommand(runId, { ...opts, db: db() }));
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
    .description('list the stored runs')
    .action(() => setExit(runsCommand({ db: db() })));

  program
    .command('stability')
    .description("coefficient of variation of each metric's median over the last runs of a host")
    .option('--last <n>', 'how many complete runs (default 5)', wholeNumber(2, 1000), 5)
    .option('--host <hostname>', 'whose runs (default: the host of the latest complete run)')
    .option('--baseline <runtime>', 'also the spread of each runtime\'s ratio to this one, within each run', 'native')
    .action((opts: { last: number; host?: string; baseline: string }) => setExit(stabilityCommand({ ...opts, db: db() })));

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

function printError(error: unknown, verbose: boolean): number {
  if (error instanceof IsobenchError) {
    process.stderr.write(`isobench: error: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  process.stderr.write(`isobench: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
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

process.exitCode = await main(process.argv);

/**
 * python: CPython 3.11 of the host (Debian's python3.11): interpreter start-up, an
 * import-heavy start (a dozen stdlib packages: many small files opened and read, the
 * filesystem path of a sandbox), and a pure-Python loop (no system calls: the CPU path).
 */
import type { WorkloadSpec } from '../types.js';
import { appProgram } from './app-program.js';
import { APP_NEEDS, msMetric, opsMetric, timedArgs } from './timed.js';

const PYTHON = '/usr/bin/python3.11';
const IMPORTS = 'json, re, decimal, email.parser, http.client, urllib.request, xml.etree.ElementTree, sqlite3, asyncio, argparse, logging, csv, subprocess';
export const PYTHON_LOOP_OPS = 300_000;
const LOOP = `x = 0\nfor i in range(${PYTHON_LOOP_OPS}):\n    x = (x + i * i) % 1000003\n`;
const SKIPPED = /^\/usr\/lib\/python3\.11\/(test|idlelib|tkinter|turtledemo|ensurepip|lib2to3|config-3\.11-[^/]+)(\/|$)|_tkinter/;

export const PYTHON_PROGRAM = appProgram('python', (files) =>
  files.add(PYTHON).add('/usr/lib/python3.11', { skip: (p) => SKIPPED.test(p) }));

export const python: WorkloadSpec = {
  id: 'python',
  description: 'CPython 3.11: start-up (-c pass), an import-heavy start, and a pure-Python loop',
  binary: 'apprun',
  program: PYTHON_PROGRAM,
  metrics: [
    msMetric('startup', 'python3 -I -c pass, process start to exit'),
    msMetric('import_start', `python3 -I -c "import ${IMPORTS}", process start to exit`),
    opsMetric('loop', `iterations per second of a pure-Python modular arithmetic loop (${PYTHON_LOOP_OPS} per run, start-up included)`),
  ],
  needsScratch: false,
  args: (budget) => timedArgs(budget, [
    { metric: 'startup', unit: 'ms', ops: 1, argv: [PYTHON, '-I', '-c', 'pass'] },
    { metric: 'import_start', unit: 'ms', ops: 1, argv: [PYTHON, '-I', '-c', `import ${IMPORTS}`] },
    { metric: 'loop', unit: 'ops/s', ops: PYTHON_LOOP_OPS, argv: [PYTHON, '-I', '-c', LOOP] },
  ]),
  container: { ...APP_NEEDS, readonlyRootfs: true, tmpfs: {} },
};

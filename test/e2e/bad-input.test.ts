import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The CLI as a user runs it: the built entry point, from the repository root. */
const cli = (args: string[]) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '' } });
const nativeCpu = ['--mode', 'process', '--runtimes', 'native', '--workloads', 'cpu', '--repetitions', '1',
  '--samples', '1', '--budget-ms', '5', '--no-report'];

/** Exit code 2, one line naming the value and what is accepted (plus at most a hint line), no stack trace. */
function expectUsageError(result: { exitCode?: number; stderr: string; stdout: string }, message: RegExp): void {
  expect(result.exitCode, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines[0]).toMatch(message);
  expect(lines.length, result.stderr).toBeLessThanOrEqual(2);
  expect(result.stderr).not.toMatch(/\n\s+at |unexpected error/);
  expect(result.stdout).toBe('');
}

describe('bad input to isobench', () => {
  let dir: string;
  let textFile: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-bad-'));
    textFile = join(dir, 'notes.txt');
    writeFileSync(textFile, 'these are notes, not a database\n'.repeat(20));
    mkdirSync(join(dir, 'a-directory'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Root ignores file permissions, so an unreadable path is made of a directory, or of a path under a regular file.
  const dbCases: [string, () => string[], RegExp][] = [
    ['a directory as --db', () => ['run', ...nativeCpu, '--db', join(dir, 'a-directory')], /^isobench: error: database path .*a-directory cannot be used: it is a directory, not a database file$/],
    ['a path under a regular file', () => ['run', ...nativeCpu, '--db', join(textFile, 'x.db')], /^isobench: error: database path .*notes\.txt\/x\.db cannot be used: .*notes\.txt is a file, not a directory$/],
    ['a file that is not a database', () => ['run', ...nativeCpu, '--db', textFile], /^isobench: error: database path .*notes\.txt cannot be used: it is not an SQLite database$/],
    ['a file that is not a database, to report', () => ['report', '--db', textFile], /^isobench: error: database path .*notes\.txt cannot be used: it is not an SQLite database$/],
    ['a directory, to list runs', () => ['runs', '--db', join(dir, 'a-directory')], /^isobench: error: database path .*a-directory cannot be used: it is a directory/],
  ];
  it.each(dbCases)('rejects %s with exit code 2, naming the path and what is accepted', async (_what, args, message) => {
    const result = await cli(args());
    expectUsageError(result, message);
    expect(result.stderr.split('\n')[1]).toMatch(/give --db \(or \$ISOBENCH_DB\) the path of an isobench database/);
  });

  const flagCases: [string, string[], RegExp][] = [
    ['a zero trial timeout', ['run', '--trial-timeout', '0'], /option '--trial-timeout <seconds>' argument '0' is invalid\. '0' is not accepted: give a whole number from 1 to 86400\./],
    ['a fractional trial timeout', ['run', '--trial-timeout', '1.5'], /argument '1\.5' is invalid\. '1\.5' is not accepted: give a whole number from 1/],
    ['non-numeric samples', ['run', '--samples', 'abc'], /option '--samples <n>' argument 'abc' is invalid\. 'abc' is not accepted: give a whole number from 1 to 1000\./],
    ['a negative warm-up', ['run', '--warmup-ms', '-5'], /option '--warmup-ms <ms>' argument '-5' is invalid\. '-5' is not accepted: give a whole number from 0/],
    ['an empty runtime list', ['run', '--runtimes', ''], /option '--runtimes <list>' argument '' is invalid\. '' is not accepted: give a comma-separated list/],
    ['a runtime list of commas', ['run', '--runtimes', ' , '], /option '--runtimes <list>' argument ' , ' is invalid/],
    ['an empty workload list', ['run', '--workloads', ''], /option '--workloads <list>' argument '' is invalid\. '' is not accepted: give a comma-separated list/],
  ];
  it.each(flagCases)('rejects %s with exit code 2 before touching the engine or the database', async (_what, args, message) => {
    const db = join(dir, 'never.db');
    const result = await cli([...args, '--db', db]);
    expectUsageError(result, message);
    expect(result.stderr).toMatch(/\(run isobench --help for usage\)/);
    // nothing was created
    expect(existsSync(db)).toBe(false);
  });
});

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

/**
 * Agreement with established tools (issue 3, item 8): each native per-op figure against a tool
 * run in the same minute, through the scripts a user runs (scripts/cross-check-*.sh). The
 * scripts hold the tolerances and exit 1 beyond them; these tests also check that every metric
 * of the workload was compared, so a script that silently compares nothing fails.
 */
interface Row {
  metric: string;
  verdict: string;
  ratio: number;
}

/** Rows of the format of scripts/cross-check-lib.sh: `  <metric>  isobench … ratio R  ok (±T %)` or `… bound ok (…)`. */
function rows(stdout: string): Row[] {
  return stdout.split('\n').flatMap((line) => {
    const m = /^ {2}(\S+)\s+isobench .*?(?:ratio ([\d.]+)|bound)\s+(\S+)/.exec(line);
    return m ? [{ metric: m[1] as string, ratio: m[2] === undefined ? NaN : Number(m[2]), verdict: m[3] as string }] : [];
  });
}

async function crossCheck(workload: string): Promise<{ exitCode: number; output: string; rows: Row[] }> {
  const result = await execa('bash', [`scripts/cross-check-${workload}.sh`], { reject: false, all: true });
  return { exitCode: result.exitCode ?? -1, output: String(result.all), rows: rows(String(result.stdout)) };
}

const X86 = process.arch === 'x64';

describe('native figures agree with established tools (scripts/cross-check-*.sh)', () => {
  it('syscall: getppid vs perf bench syscall basic, the other calls vs hyperfine timing the same process', async (ctx) => {
    const perf = await execa('perf', ['bench', 'syscall', 'basic'], { reject: false });
    if (perf.failed) ctx.skip(`perf bench syscall is not available here: ${(perf.shortMessage ?? '').split('\n')[0]}`);
    const r = await crossCheck('syscall');
    expect(r.exitCode, r.output).toBe(0);
    const expected = ['getppid', 'read_devzero_1b', 'open_close', 'stat', 'futex_wake', 'mmap_munmap', ...(X86 ? ['getpid_inline'] : [])];
    expect(r.rows.map((x) => x.metric)).toEqual(expected);
    for (const row of r.rows) {
      expect(row.verdict, row.metric).toBe('ok');
      expect(row.ratio, row.metric).toBeGreaterThan(0.85);
      expect(row.ratio, row.metric).toBeLessThan(1.15);
    }
  }, 180_000);

  it('clock: gettimeofday and clock_gettime vs stress-ng --vdso', async () => {
    const r = await crossCheck('clock');
    expect(r.exitCode, r.output).toBe(0);
    expect(r.rows.map((x) => x.metric)).toEqual(['gettimeofday', 'clock_gettime_monotonic', 'clock_gettime_realtime']);
    for (const row of r.rows) expect(Math.abs(row.ratio - 1), row.metric).toBeLessThanOrEqual(0.2);
  }, 120_000);

  it('cpu: hash_4k vs hyperfine timing the same process', async () => {
    const r = await crossCheck('cpu');
    expect(r.exitCode, r.output).toBe(0);
    expect(r.rows.map((x) => x.metric)).toEqual(['hash_4k']);
    expect(Math.abs((r.rows[0] as Row).ratio - 1)).toBeLessThanOrEqual(0.1);
  }, 120_000);

  it('fileio: stat and unlink vs fio, open_read_close vs hyperfine, create bounded by fio filecreate, on tmpfs and disk', async () => {
    const r = await crossCheck('fileio');
    expect(r.exitCode, r.output).toBe(0);
    const ops = ['stat', 'unlink', 'open_read_close', 'create_write_close'];
    expect(r.rows.map((x) => x.metric)).toEqual(['tmpfs', 'disk'].flatMap((fs) => ops.map((op) => `${op}.${fs}`)));
    for (const row of r.rows) expect(row.verdict, row.metric).toBe('ok');
  }, 300_000);

  it('net: TCP round trip over loopback (mean and median) vs sockperf', async () => {
    const result = await execa('bash', ['scripts/cross-check-net.sh'], { reject: false, all: true });
    expect(result.exitCode, String(result.all)).toBe(0);
    for (const what of ['means', 'medians']) {
      const ratio = Number(new RegExp(`ratio isobench/sockperf \\(${what}\\) ([\\d.]+)`).exec(String(result.stdout))?.[1]);
      expect(Math.abs(ratio - 1), what).toBeLessThanOrEqual(0.25);
    }
  }, 120_000);

  it('apps: redis and nginx native throughput vs redis-benchmark and wrk by hand, memaccess vs hyperfine timing the same process', async () => {
    const r = await crossCheck('apps');
    expect(r.exitCode, r.output).toBe(0);
    expect(r.rows.map((x) => x.metric)).toEqual(['get_rps.c32.host', 'set_rps.c32.host', 'rps.c32', 'chase_large', 'chase_cached']);
    for (const row of r.rows) expect(row.verdict, row.metric).toBe('ok');
  }, 600_000);

  it('the umbrella script rejects an unknown workload with exit 2, naming it and what is accepted', async () => {
    const result = await execa('bash', ['scripts/cross-check.sh', 'gpu'], { reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown workload 'gpu'");
    expect(result.stderr).toContain('syscall clock cpu fileio net');
  });
});

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

/**
 * Agreement with an established tool: isobench's native getppid per call against
 * `perf bench syscall basic` (the same raw getppid loop), measured back to back. Issue 2 asks
 * for ±15 %; the script alternates the tools and fails beyond that.
 */
describe('cross-check against perf bench syscall', () => {
  it('native getppid per call agrees with perf within ±15 %', async (ctx) => {
    const perf = await execa('perf', ['bench', 'syscall', 'basic'], { reject: false });
    if (perf.failed) ctx.skip(`perf bench syscall is not available here: ${(perf.shortMessage ?? '').split('\n')[0]}`);
    const result = await execa('bash', ['scripts/cross-check-syscall.sh'], { reject: false });
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    const ratio = Number(/ratio ([\d.]+)/.exec(result.stdout)?.[1]);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  }, 60_000);
});

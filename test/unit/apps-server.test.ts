import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ephemeralLow, trialPort } from '../../src/workloads/apps/server.js';

describe('server ports of the application trials', () => {
  it('draws below the ephemeral range, which clients hold', () => {
    for (const r of [0, 0.5, 0.999999]) {
      const port = trialPort(() => r, 32_768);
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
    }
    expect(trialPort(() => 0.999999, 60_000)).toBeLessThan(40_000);
    const low = trialPort(() => 0, 22_000);
    expect(low).toBeGreaterThanOrEqual(10_000);
    expect(trialPort(() => 0.999999, 22_000)).toBeLessThan(22_000);
  });

  it('reads the first ephemeral port from the kernel setting, with the default when unreadable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isobench-ports-'));
    try {
      writeFileSync(join(dir, 'range'), '40000\t60999\n');
      expect(ephemeralLow(join(dir, 'range'))).toBe(40_000);
      expect(ephemeralLow(join(dir, 'missing'))).toBe(32_768);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseServerVersion } from '../../src/engine/containerd/endpoint.js';
import { ctrErrorLines, describeCtrFailure, looksLikeEngineLoss } from '../../src/engine/containerd/messages.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/containerd/${name}`, import.meta.url), 'utf8');

describe('ctr output', () => {
  it('turns a missing Kata shim (captured from ctr run) into one clear line', () => {
    const lines = ctrErrorLines(`program output\n${fixture('ctr-run-kata-missing.stderr')}`);
    expect(lines).toHaveLength(1);
    const message = describeCtrFailure(lines[0] as string, 'io.containerd.kata.v2');
    expect(message).toMatch(/^containerd cannot start runtime io\.containerd\.kata\.v2: its shim containerd-shim-kata-v2 is not installed/);
    expect(message).toMatch(/\/opt\/kata\/bin/);
    expect(message).not.toMatch(/\n/);
  });

  it('keeps other failures as ctr said them', () => {
    expect(describeCtrFailure('failed to create shim task: OCI runtime create failed', 'io.containerd.runc.v2'))
      .toBe('containerd could not run the container under io.containerd.runc.v2: failed to create shim task: OCI runtime create failed');
  });

  it('tells a lost connection from a runtime failure', () => {
    expect(looksLikeEngineLoss('rpc error: code = Unavailable desc = error reading from server: EOF')).toBe(true);
    expect(looksLikeEngineLoss('failed to create shim task: OCI runtime create failed')).toBe(false);
  });

  it('reads the server version of ctr version (captured), and none from the client part alone', () => {
    expect(parseServerVersion(fixture('ctr-version.txt'))).toBe('1.6.20~ds1');
    expect(parseServerVersion('Client:\n  Version:  1.6.20~ds1\n')).toBeNull();
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeWriteError, finalExitCode, guardOutput, outputState } from '../../src/cli/output.js';

/** A stream whose writes fail with `code`, or succeed into `written` when code is null. */
function stream(code: string | null, written: string[] = []): NodeJS.WriteStream {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (code === null) {
        written.push(chunk.toString());
        callback();
      } else callback(Object.assign(new Error(code), { code }));
    },
  }) as unknown as NodeJS.WriteStream;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('output that goes away', () => {
  it('EPIPE on stdout ends quietly, keeps the exit code, and later writes are no-ops', async () => {
    const err: string[] = [];
    const out = stream('EPIPE');
    guardOutput(out, stream(null, err));
    out.write('data');
    await settle();
    expect(outputState.stdoutClosed).toBe(true);
    expect(outputState.stdoutFailed).toBeNull();
    expect(() => out.write('more')).not.toThrow();
    expect(err).toEqual([]);
    expect(finalExitCode(0)).toBe(0);
  });

  it('names the write errors in words', () => {
    expect(describeWriteError(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('no space left on device (ENOSPC)');
    expect(describeWriteError(Object.assign(new Error('x'), { code: 'EIO' }))).toBe('input/output error (EIO)');
  });
});

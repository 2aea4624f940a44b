/**
 * What happens when stdout or stderr goes away (issue 13, class 2). A write error on either
 * stream arrives as an 'error' event; without a listener Node turns it into an uncaught
 * exception with a stack trace, and a run dies silently, left `running`. With these listeners:
 *
 * - stdout closed by the reader (EPIPE: the normal end of `| head`): the rest of the output is
 *   dropped and the command ends with its own exit code;
 * - stdout failing otherwise (ENOSPC on /dev/full, EIO): one line on stderr, exit code 1;
 * - stderr failing (progress of a run piped into `head -1`): progress is dropped, the command
 *   keeps working (a run keeps measuring and stores every trial) and ends with its own code.
 *
 * After an error, later writes to that stream are no-ops rather than new errors.
 */
export interface OutputState {
  /** a write to stdout failed other than by EPIPE: the data did not all arrive */
  stdoutFailed: string | null;
  stdoutClosed: boolean;
  stderrClosed: boolean;
}

export const outputState: OutputState = { stdoutFailed: null, stdoutClosed: false, stderrClosed: false };

type Writable = NodeJS.WriteStream & { write: (...args: unknown[]) => boolean };

/** Replaces a stream's write with a no-op that reports success, so callers need no checks. */
function silence(stream: Writable): void {
  stream.write = (...args: unknown[]): boolean => {
    const callback = args.find((a): a is () => void => typeof a === 'function');
    if (callback) queueMicrotask(callback);
    return true;
  };
}

function errorCode(error: unknown): string {
  return (error as { code?: string }).code ?? 'EIO';
}

/** The message of a failed write, in words: "no space left on device (ENOSPC)". */
export function describeWriteError(error: unknown): string {
  const code = errorCode(error);
  const words: Record<string, string> = { ENOSPC: 'no space left on device', EPIPE: 'the reader closed the pipe', EIO: 'input/output error', EDQUOT: 'disk quota exceeded', EFBIG: 'file too large' };
  return `${words[code] ?? (error instanceof Error ? error.message : String(error))} (${code})`;
}

/** Installs the listeners once, at start-up, before anything is written. */
export function guardOutput(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): void {
  stdout.on('error', (error: unknown) => {
    if (outputState.stdoutClosed) return;
    outputState.stdoutClosed = true;
    silence(stdout as Writable);
    if (errorCode(error) === 'EPIPE') return;
    outputState.stdoutFailed = describeWriteError(error);
    if (!outputState.stderrClosed) stderr.write(`isobench: error: cannot write the output: ${outputState.stdoutFailed}\n`);
    process.exitCode = 1;
  });
  stderr.on('error', () => {
    if (outputState.stderrClosed) return;
    outputState.stderrClosed = true;
    silence(stderr as Writable);
  });
}

/** The exit code once the command returned `code`: a lost output is a failure, a closed pipe is not. */
export function finalExitCode(code: number): number {
  return outputState.stdoutFailed !== null && code === 0 ? 1 : code;
}

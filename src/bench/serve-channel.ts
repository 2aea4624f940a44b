/**
 * The orchestrator's side of a workload started with `--serve` (workloads/common.h): one
 * command per line on its stdin, one JSON line back on its stdout. Lines are read as they come;
 * a request waits for the next line with a deadline, and fails at once when the process has
 * closed its stdout (it died) or the run is aborted.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

const STDERR_KEEP_CHARS = 4_000;

export class ServeChannel {
  private readonly lines: string[] = [];
  private waiter: ((line: string | null) => void) | null = null;
  private closed = false;
  private stderrText = '';

  constructor(private readonly stdin: Writable, stdout: Readable, stderr: Readable) {
    const reader = createInterface({ input: stdout, crlfDelay: Infinity });
    reader.on('line', (line) => this.push(line));
    reader.on('close', () => this.close());
    stdout.on('error', () => this.close());
    stdin.on('error', () => this.close());
    stderr.on('data', (chunk: Buffer | string) => {
      this.stderrText = (this.stderrText + String(chunk)).slice(-STDERR_KEEP_CHARS);
    });
    stderr.on('error', () => undefined);
  }

  /** what the process printed on stderr (the last few thousand characters) */
  stderr(): string {
    return this.stderrText;
  }

  private push(line: string): void {
    if (line.trim() === '') return;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter(line);
    } else this.lines.push(line);
  }

  private close(): void {
    this.closed = true;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(null);
  }

  /** The next line, or why there is none: 'closed' (the process ended), 'timeout' or 'aborted'. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<{ line: string } | { fail: 'closed' | 'timeout' | 'aborted' }> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve({ line: queued });
    if (this.closed) return Promise.resolve({ fail: 'closed' });
    if (signal?.aborted) return Promise.resolve({ fail: 'aborted' });
    return new Promise((resolve) => {
      const done = (result: { line: string } | { fail: 'closed' | 'timeout' | 'aborted' }): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = null;
        resolve(result);
      };
      const onAbort = (): void => done({ fail: 'aborted' });
      const timer = setTimeout(() => done({ fail: 'timeout' }), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = (line) => done(line === null ? { fail: 'closed' } : { line });
    });
  }

  /** Sends one command line; false when the process no longer reads. */
  send(command: string): boolean {
    if (this.closed || this.stdin.destroyed || !this.stdin.writable) return false;
    this.stdin.write(`${command}\n`);
    return true;
  }

  /** Asks the process to exit (quit, then end of input); it is stopped by its executor anyway. */
  quit(): void {
    if (this.send('quit')) this.stdin.end();
  }
}

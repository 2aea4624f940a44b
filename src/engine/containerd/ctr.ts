/**
 * containerd's own client `ctr`, driven through execa with argv arrays: every call names the
 * socket and isobench's namespace, and has a timeout and (where given) an abort signal.
 */
import { execa } from 'execa';

/** isobench's containerd namespace: its images and containers, nobody else's. */
export const NAMESPACE = 'isobench';
export const CTR_TIMEOUT_MS = 30_000;

export interface CtrOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly input?: Buffer;
}

export interface CtrResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;
}

/** ctr's argv before the command: the socket and the namespace. */
export function ctrGlobalArgs(address: string): string[] {
  return ['--address', address, '--namespace', NAMESPACE];
}

/** One ctr call; never throws for a failed command (the result says how it ended). */
export async function ctr(address: string, args: readonly string[], options: CtrOptions = {}): Promise<CtrResult> {
  const result = await execa('ctr', [...ctrGlobalArgs(address), ...args], {
    reject: false,
    timeout: options.timeoutMs ?? CTR_TIMEOUT_MS,
    cancelSignal: options.signal,
    forceKillAfterDelay: 2_000,
    stdin: options.input ? 'pipe' : 'ignore',
    input: options.input,
    stripFinalNewline: false,
    encoding: 'utf8',
  });
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    timedOut: result.timedOut === true,
    aborted: result.isCanceled === true,
  };
}

/** The last line of ctr's error output without its `ctr: ` prefix, for messages. */
export function ctrError(result: CtrResult): string {
  if (result.timedOut) return 'ctr did not answer in time';
  const lines = result.stderr.trim().split('\n').filter((l) => l.trim() !== '');
  const last = lines.at(-1) ?? `ctr exited with code ${result.exitCode}`;
  return last.replace(/^ctr: /, '');
}

/** Throws with ctr's error unless the call succeeded. */
export async function ctrOk(address: string, args: readonly string[], options: CtrOptions = {}): Promise<string> {
  const result = await ctr(address, args, options);
  if (result.exitCode !== 0 || result.timedOut || result.aborted) {
    throw new Error(`ctr ${args.slice(0, 2).join(' ')}: ${ctrError(result)}`);
  }
  return result.stdout;
}

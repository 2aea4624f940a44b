/**
 * How the terminal report is laid out on this stdout: its width (COLUMNS, else the TTY's width,
 * else {@link PIPE_WIDTH}), `--wide` for no limit, and colour only on a TTY without NO_COLOR.
 */
import type { RenderOptions } from '../report/model.js';

/** Width assumed when stdout is not a terminal and COLUMNS is not set. */
export const PIPE_WIDTH = 120;

export interface OutputStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export function terminalWidth(env: NodeJS.ProcessEnv, out: OutputStream): number {
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  if (out.isTTY === true && out.columns !== undefined && out.columns > 0) return out.columns;
  return PIPE_WIDTH;
}

/** https://no-color.org: NO_COLOR set to anything but the empty string turns colours off. */
export function useColour(env: NodeJS.ProcessEnv, out: OutputStream): boolean {
  return out.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export function renderOptions(
  flags: { wide?: boolean; all?: boolean },
  env: NodeJS.ProcessEnv = process.env,
  out: OutputStream = process.stdout,
): RenderOptions {
  return { width: terminalWidth(env, out), wide: flags.wide ?? false, colour: useColour(env, out), allClaims: flags.all ?? false };
}

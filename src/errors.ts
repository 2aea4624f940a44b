/**
 * Every error isobench raises on purpose, in one place. Each has a stable `code`, a short
 * one-line `message` (what failed), a `hint` (what to do) and the CLI exit code it maps to.
 * The underlying error, if any, is kept as `cause`.
 */
export type ErrorCode =
  | 'USAGE'
  | 'DOCKER_UNAVAILABLE'
  | 'ENGINE_UNAVAILABLE'
  | 'RUNTIME_MISSING'
  | 'WORKLOAD_BINARY_MISSING'
  | 'IMAGE_BUILD_FAILED'
  | 'RUN_NOT_FOUND'
  | 'DATABASE'
  | 'INTERRUPTED';

export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;
export const EXIT_INTERRUPTED = 130;

export class IsobenchError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IsobenchError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? (code === 'USAGE' ? EXIT_USAGE : EXIT_FAILURE);
  }
}

/** A bad flag, argument or value: names the value and what is accepted. Exit code 2. */
export function usageError(message: string, hint?: string): IsobenchError {
  return new IsobenchError('USAGE', message, hint === undefined ? {} : { hint });
}

export function describeCause(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

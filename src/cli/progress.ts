import type { ProgressEvent } from '../bench/progress.js';
import { safeText } from '../report/format.js';
import { remainingMs, type DoneTrial, type TrialKind } from './remaining-time.js';

/**
 * Progress for people, on stderr: a live line on a terminal, plain lines otherwise
 * (CI logs, pipes). Data never goes here.
 */
/** "1m05s" */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** ", ~1m05s left", or '' when there is nothing to estimate from or nothing left. */
export function leftText(ms: number | null): string {
  return ms === null || ms <= 0 ? '' : `, ~${formatDuration(ms)} left`;
}

export interface ProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  readonly quiet?: boolean;
  readonly now?: () => number;
  /** the run's trials in order, for the time left (trial events index into it) */
  readonly plan: readonly TrialKind[];
}

export function createProgressPrinter({ stream = process.stderr, quiet = false, now = Date.now, plan }: ProgressOptions): (event: ProgressEvent) => void {
  const live = stream.isTTY === true;
  const began = now();
  let firstTrialAt: number | null = null;
  const done: DoneTrial[] = [];
  /** Time left once the trials before `next` are over. */
  const left = (next: number): string => leftText(firstTrialAt === null ? null : remainingMs(done, plan.slice(next), now() - firstTrialAt));
  let liveShown = false;
  const clearLive = (): void => {
    if (liveShown) stream.write('\r\x1b[2K');
    liveShown = false;
  };
  const line = (text: string): void => {
    clearLive();
    stream.write(`${text}\n`);
  };
  return (event: ProgressEvent): void => {
    if (quiet && event.kind !== 'stopping') return;
    switch (event.kind) {
      case 'image':
        line(`image ${event.tag} ${event.built ? 'built' : 'up to date'} (${event.workload})`);
        break;
      case 'trial-start':
        firstTrialAt ??= now();
        if (live) {
          clearLive();
          stream.write(`[${event.index + 1}/${event.total}] ${event.trial.target} ${event.trial.workload} #${event.trial.repetition + 1} … (${formatDuration(now() - began)}${left(event.index)})`);
          liveShown = true;
        }
        break;
      case 'trial-end': {
        done.push({ target: event.trial.target, workload: event.trial.workload, durationMs: event.durationMs });
        const what = `[${event.index + 1}/${event.total}] ${event.trial.target} ${event.trial.workload} #${event.trial.repetition + 1}`;
        const secs = `${(event.durationMs / 1000).toFixed(1)} s${left(event.index + 1)}`;
        // a reason quotes the workload's stderr: no escape sequence of it reaches the terminal
        const detail = safeText(event.status === 'ok' ? (event.headline ?? '') : `${event.status}: ${event.reason ?? ''}`);
        if (live && event.status === 'ok') {
          clearLive();
          stream.write(`${what} ok ${detail} (${secs})`);
          liveShown = true;
        } else line(`${what} ${event.status === 'ok' ? 'ok ' : ''}${detail} (${secs})`);
        break;
      }
      case 'stopping':
        line(`stopping: ${event.why}`);
        break;
      case 'cleanup':
        line(`removed ${event.removed} container(s)${event.failed.length > 0 ? `; could not remove ${event.failed.join(', ')}` : ''}`);
        break;
    }
  };
}

/** Ends a live line so that what follows starts on a fresh line. */
export function endProgress(stream: NodeJS.WriteStream = process.stderr): void {
  if (stream.isTTY === true) stream.write('\r\x1b[2K');
}

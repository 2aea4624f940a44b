import type { ProgressEvent } from '../bench/progress.js';

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

/** Remaining time, from the mean duration of the trials done so far; '' before the first. */
export function eta(elapsedMs: number, done: number, total: number): string {
  if (done <= 0 || done >= total) return '';
  return `, ~${formatDuration((elapsedMs / done) * (total - done))} left`;
}

export function createProgressPrinter(stream: NodeJS.WriteStream = process.stderr, quiet = false, now: () => number = Date.now): (event: ProgressEvent) => void {
  const live = stream.isTTY === true;
  const began = now();
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
        if (live) {
          clearLive();
          stream.write(`[${event.index + 1}/${event.total}] ${event.trial.target} ${event.trial.workload} #${event.trial.repetition + 1} … (${formatDuration(now() - began)}${eta(now() - began, event.index, event.total)})`);
          liveShown = true;
        }
        break;
      case 'trial-end': {
        const what = `[${event.index + 1}/${event.total}] ${event.trial.target} ${event.trial.workload} #${event.trial.repetition + 1}`;
        const secs = `${(event.durationMs / 1000).toFixed(1)} s${eta(now() - began, event.index + 1, event.total)}`;
        const detail = event.status === 'ok' ? (event.headline ?? '') : `${event.status}: ${event.reason ?? ''}`;
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

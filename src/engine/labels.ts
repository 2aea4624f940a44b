import { hostname } from 'node:os';

/** Labels on everything isobench creates, so a sweep can find and remove it. */
export const LABEL_RUN_ID = 'isobench.run-id';
export const LABEL_KIND = 'isobench.kind';
export const LABEL_TRIAL = 'isobench.trial';
/** `HOSTNAME:PID` of the isobench process that created the container. */
export const LABEL_OWNER = 'isobench.owner';

export function ownerLabelValue(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Whether the container's owner is another isobench process still running on this host: its
 * containers are in use, not left behind. False for containers without the label (older ones,
 * hand-made ones) and for this process's own.
 */
export function ownedByAnotherLiveProcess(labels: Readonly<Record<string, string>> | undefined): boolean {
  const match = /^(.*):(\d+)$/.exec(labels?.[LABEL_OWNER] ?? '');
  if (!match || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

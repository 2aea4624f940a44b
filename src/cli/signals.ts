/**
 * Ctrl-C and SIGTERM stop a run: the first aborts the signal (the orchestrator then removes
 * its containers and marks the run interrupted); later ones only say that clean-up is under
 * way, so a second Ctrl-C never skips the removal of containers.
 */
export function handleStopSignals(onStop: (why: string) => void): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handler = (name: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      onStop(`${name} received: finishing clean-up (removing containers, marking the run interrupted)…`);
      controller.abort(new Error(`${name} received`));
    } else {
      onStop(`${name} again: still cleaning up, please wait (containers are being removed)`);
    }
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      // After a stop, the process is on its way out with exit code 130: a late Ctrl-C must not
      // turn that into death by signal, so the handlers stay.
      if (controller.signal.aborted) return;
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

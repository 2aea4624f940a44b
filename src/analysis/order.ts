/**
 * The order runtime targets appear in, everywhere a report lists them: from least to most
 * isolation for the well-known targets, then any other target alphabetically.
 */
export const KNOWN_TARGET_ORDER: readonly string[] = ['native', 'runc', 'runc:unconfined', 'runsc', 'kata'];

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** native, runc, runc:unconfined, runsc, kata, then other targets alphabetically. */
export function compareTargets(a: string, b: string): number {
  const rankA = KNOWN_TARGET_ORDER.indexOf(a);
  const rankB = KNOWN_TARGET_ORDER.indexOf(b);
  if (rankA >= 0 && rankB >= 0) return rankA - rankB;
  if (rankA >= 0) return -1;
  if (rankB >= 0) return 1;
  return compareText(a, b);
}

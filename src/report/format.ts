/**
 * Number and text formatting for human-readable reports (the terminal table). Machine formats
 * (CSV) never use these: they write full precision.
 *
 * One rule for every number, whatever its unit, so columns read alike:
 *   |x| ≥ 1000       integer with thousands grouping          1,234   12,345,678
 *   10 ≤ |x| < 1000  one decimal                              523.4   52.1
 *   1 ≤ |x| < 10     two decimals (three significant digits)  5.23
 *   0 < |x| < 1      three significant digits                 0.0523  1.23e-7
 * Percentages use one decimal below 1000 and grouping above. Missing values are {@link MISSING}.
 * Grouping uses ',' and the decimal point '.', independent of the locale.
 */

/** What a missing or undefined value renders as. */
export const MISSING = '–';

export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude < 1) return normaliseZero(value.toPrecision(3));
  const decimals = magnitude < 10 ? 2 : 1;
  const fixed = value.toFixed(decimals);
  if (Math.abs(Number(fixed)) < 1000) return normaliseZero(fixed);
  return groupedInteger(value);
}

/** A percentage without the % sign (the column header carries it), always with a sign. */
export function formatPercent(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  const fixed = value.toFixed(1);
  const text = Math.abs(Number(fixed)) < 1000 ? normaliseZero(fixed) : groupedInteger(value);
  return withSign(text);
}

/** {@link formatNumber} with an explicit '+' on positive values, for differences. */
export function formatSigned(value: number | null): string {
  return withSign(formatNumber(value));
}

/** `[low, high]`, or {@link MISSING} when either end is missing. */
export function formatInterval(low: number | null, high: number | null, format: (value: number) => string): string {
  if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return MISSING;
  return `[${format(low)}, ${format(high)}]`;
}

/** A confidence level as a column label: 0.95 → `95% CI`, 0.995 → `99.5% CI`. */
export function confidenceLabel(confidence: number): string {
  return `${Number((confidence * 100).toFixed(1))}% CI`;
}

/**
 * Text from the outside world (host names, runtime versions, flags) with control characters
 * (C0, DEL, C1) replaced by '?', so that it cannot move the cursor or recolour the terminal.
 */
export function safeText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? '?' : char;
  }
  return out;
}

function withSign(text: string): string {
  if (text === MISSING || text.startsWith('-') || /^[0.]+$/.test(text)) return text;
  return `+${text}`;
}

function normaliseZero(text: string): string {
  return /^-[0.]+$/.test(text) ? text.slice(1) : text;
}

function groupedInteger(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e21) return value.toPrecision(3);
  const digits = Math.round(magnitude).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${digits}` : digits;
}

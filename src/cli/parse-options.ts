import { InvalidArgumentError } from 'commander';

/** Option parsers for commander: each names the bad value and what is accepted. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value: string): number => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`'${value}' is not accepted: give a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

export function commaList(value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new InvalidArgumentError(`'${value}' is not accepted: give a comma-separated list of names.`);
  return items;
}

export function oneOf<T extends string>(accepted: readonly T[]): (value: string) => T {
  return (value: string): T => {
    if (!(accepted as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`'${value}' is not accepted: use one of ${accepted.join(', ')}.`);
    }
    return value as T;
  };
}

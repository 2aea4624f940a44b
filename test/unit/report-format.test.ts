import { describe, expect, it } from 'vitest';
import {
  MISSING,
  confidenceLabel,
  formatInterval,
  formatNumber,
  formatPercent,
  formatSigned,
  safeText,
} from '../../src/report/format.js';

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [0.0523, '0.0523'],
    [0.1, '0.100'],
    [1.23e-7, '1.23e-7'],
    [5.234, '5.23'],
    [9.996, '10.00'],
    [52.13, '52.1'],
    [523.44, '523.4'],
    [999.94, '999.9'],
    [999.96, '1,000'],
    [1234.5, '1,235'],
    [45210.7, '45,211'],
    [12_345_678, '12,345,678'],
    [-0.1, '-0.100'],
    [-52.13, '-52.1'],
    [-33210.7, '-33,211'],
    [-0.04, '-0.0400'],
    [1e22, '1.00e+22'],
  ])('%d → %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it.each([null, Number.NaN, Number.POSITIVE_INFINITY])('%s → –', (value) => {
    expect(formatNumber(value)).toBe(MISSING);
  });
});

describe('formatSigned and formatPercent', () => {
  it.each([
    [3.47, '+3.47'],
    [-0.1, '-0.100'],
    [0, '0'],
    [1182.37, '+1,182'],
    [null, MISSING],
  ])('formatSigned(%s) → %s', (value, expected) => {
    expect(formatSigned(value)).toBe(expected);
  });

  it.each([
    [6.656436, '+6.7'],
    [-0.8, '-0.8'],
    [0.04, '0.0'],
    [-0.04, '0.0'],
    [2268.1, '+2,268'],
    [-1500.4, '-1,500'],
    [null, MISSING],
  ])('formatPercent(%s) → %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });
});

describe('formatInterval and confidenceLabel', () => {
  it('brackets both ends, or is missing if either is', () => {
    expect(formatInterval(51.9, 52.41, formatNumber)).toBe('[51.9, 52.4]');
    expect(formatInterval(null, 1, formatNumber)).toBe(MISSING);
    expect(formatInterval(1, Number.NaN, formatNumber)).toBe(MISSING);
  });

  it('labels the confidence level', () => {
    expect(confidenceLabel(0.95)).toBe('95% CI');
    expect(confidenceLabel(0.995)).toBe('99.5% CI');
    expect(confidenceLabel(0.9)).toBe('90% CI');
  });
});

describe('safeText', () => {
  it('replaces control characters, keeps other text', () => {
    expect(safeText('runc\u001b[31m\nx\u009b\u007f')).toBe('runc?[31m?x??');
    expect(safeText('gVisor – release ✓')).toBe('gVisor – release ✓');
  });
});

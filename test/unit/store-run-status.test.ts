import { describe, expect, it } from 'vitest';
import { effectiveStatus } from '../../src/store/run-status.js';

const counts = (ok: number, failed: number) => ({ ok, failed, skipped: 0, interrupted: 0 });
const here = { hostname: 'h1', isAlive: (pid: number) => pid === 10 };

describe('the status a run is shown with', () => {
  it('complete only when no trial failed; partial with some; failed with none ok', () => {
    expect(effectiveStatus('complete', counts(3, 0), { hostname: 'h1', pid: 1 }, here)).toBe('complete');
    expect(effectiveStatus('complete', counts(2, 1), { hostname: 'h1', pid: 1 }, here)).toBe('partial');
    expect(effectiveStatus('complete', counts(0, 3), { hostname: 'h1', pid: 1 }, here)).toBe('failed');
  });

  it('running on this host with its process gone is dead; elsewhere or alive it stays running', () => {
    expect(effectiveStatus('running', counts(1, 0), { hostname: 'h1', pid: 11 }, here)).toBe('dead');
    expect(effectiveStatus('running', counts(1, 0), { hostname: 'h1', pid: 10 }, here)).toBe('running');
    expect(effectiveStatus('running', counts(1, 0), { hostname: 'h2', pid: 11 }, here)).toBe('running');
  });

  it('keeps interrupted and failed as stored', () => {
    expect(effectiveStatus('interrupted', counts(1, 1), { hostname: 'h1', pid: 11 }, here)).toBe('interrupted');
    expect(effectiveStatus('failed', counts(1, 0), { hostname: 'h1', pid: 11 }, here)).toBe('failed');
  });
});

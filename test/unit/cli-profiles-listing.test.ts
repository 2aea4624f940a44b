import { describe, expect, it } from 'vitest';
import { LISTED_SUBJECT_CHARS, listedSubject } from '../../src/cli/profile-command.js';

describe('isobench profiles: the command line of a listing', () => {
  const long = `/usr/bin/sqlite3 -batch db ${'BEGIN; INSERT INTO t VALUES (1); COMMIT; '.repeat(200)}`;

  it('is cut to 60 characters with an ellipsis on a terminal, and whole when piped or with --no-trunc', () => {
    const cut = listedSubject(long, true);
    expect([...cut]).toHaveLength(LISTED_SUBJECT_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(listedSubject(long, false)).toBe(long);
  });

  it('leaves a short one alone and never splits a character', () => {
    expect(listedSubject('python3 -c pass', true)).toBe('python3 -c pass');
    const wide = `echo ${'日本語'.repeat(30)}`;
    const kept = [...listedSubject(wide, true)].slice(0, -1).join('');
    expect(kept).toBe([...wide].slice(0, LISTED_SUBJECT_CHARS - 1).join(''));
  });
});

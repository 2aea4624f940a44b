import { cpus } from 'node:os';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { pinSelf, selfAffinity } from '../../src/bench/pin-self.js';

/** The CPU list a program started now by this process runs on, as taskset reads it in that program. */
async function childAffinity(): Promise<string | undefined> {
  const { stdout } = await execa('sh', ['-c', 'taskset -c -p $$']);
  return /list:\s*(\S+)\s*$/.exec(stdout)?.[1];
}

describe('pinSelf (real taskset, real child processes)', () => {
  it('pins isobench and what it starts, and restore puts back the affinity both had before', async (ctx) => {
    if (cpus().length < 2) ctx.skip('one CPU: pinned and unpinned are the same');
    const before = await selfAffinity();
    expect(before).not.toBeNull();
    expect(await childAffinity()).toBe(before);
    const pin = await pinSelf('0');
    try {
      expect(pin).toMatchObject({ pinned: true, why: null });
      expect(await selfAffinity()).toBe('0');
      // a program started while isobench is pinned inherits the pin: why it must not outlive the paired blocks
      expect(await childAffinity()).toBe('0');
    } finally {
      await pin.restore();
    }
    expect(await selfAffinity()).toBe(before);
    expect(await childAffinity()).toBe(before);
    await pin.restore(); // once is enough; a second call changes nothing
    expect(await selfAffinity()).toBe(before);
  });

  it('says why when it cannot pin, and then has nothing to restore', async () => {
    const pin = await pinSelf('4096');
    expect(pin.pinned).toBe(false);
    expect(pin.why).toMatch(/\S/);
    const before = await selfAffinity();
    await pin.restore();
    expect(await selfAffinity()).toBe(before);
  });
});

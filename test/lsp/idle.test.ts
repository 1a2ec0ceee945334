import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IdleCollector } from '../../server/src/lsp/idle.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('collecting while idle', () => {
  it('collects once the work stops, when the heap grew, and not while work goes on', async () => {
    const idle = new IdleCollector(250);
    let garbage: unknown[] | null = [];
    for (let i = 0; i < 400_000; i++) garbage.push({ i, text: `entry ${i}` });
    // Work every 20 ms: well inside the idle time even on a busy machine.
    for (let k = 0; k < 5; k++) {
      idle.worked();
      await pause(20);
    }
    assert.equal(idle.collections, 0, 'no collection while work keeps coming');
    garbage = null;
    await pause(600);
    assert.equal(idle.collections, 1);
    // Nothing grew since: another quiet moment costs nothing.
    idle.worked();
    await pause(600);
    assert.equal(idle.collections, 1);
    void garbage;
    idle.dispose();
  });
});

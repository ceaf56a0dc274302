import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor, walkCursor } from '../../../src/sim/paging';

describe('cluster sim: internals', () => {
  it('encodes cursors exactly like pagination.go', () => {
    const token = encodeCursor({ done: [1, 2, 3], inProgress: 0, index: 0, pending: [] });
    assert.equal(token, 'MSwyLDMsfDB8MHw=');
    assert.deepEqual(decodeCursor(token), { done: [1, 2, 3], inProgress: 0, index: 0, pending: [] });
    assert.equal(decodeCursor('!!!'), undefined);
    assert.equal(decodeCursor(Buffer.from('garbage').toString('base64url')), undefined);
  });

  it('walks a cursor across nodes and treats an invalid start as the beginning', () => {
    const src = (n: number) => ({
      ok: true as const,
      count: n,
      slice: (a: number, b: number) => Array.from({ length: b - a }, (_, i) => `${n}:${a + i}`),
    });
    const p1 = walkCursor([1, 2, 3], 'nonsense', 4, src);
    assert.deepEqual(p1.items, ['1:0', '2:0', '2:1', '3:0']);
    const p2 = walkCursor([1, 2, 3], p1.next, 4, src);
    assert.deepEqual(p2.items, ['3:1', '3:2']);
    assert.equal(Buffer.from(p2.next, 'base64url').toString(), '1,2,3,|0|0|');
  });
});

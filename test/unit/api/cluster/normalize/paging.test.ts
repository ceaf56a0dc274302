import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor, nextCursor, nextOffset } from '../../../../../src/api/cluster/normalize/paging';

describe('normalize: paging', () => {
  it('decodes and encodes the node cursor', () => {
    assert.deepEqual(decodeCursor('MSwyLDMsfDB8MHw='), {
      doneNodeIds: [1, 2, 3],
      inProgressNodeId: 0,
      index: 0,
      pendingNodeIds: [],
    });
    const c = { doneNodeIds: [1], inProgressNodeId: 2, index: 17, pendingNodeIds: [3, 4] };
    assert.deepEqual(decodeCursor(encodeCursor(c)), c);
    assert.equal(decodeCursor('20'), undefined);
    assert.equal(decodeCursor('not a cursor!'), undefined);
    assert.equal(decodeCursor(Buffer.from('a|b|c|d').toString('base64')), undefined);
  });

  it('stops on a short page or a finished cursor, follows otherwise', () => {
    const done = encodeCursor({ doneNodeIds: [1, 2, 3], inProgressNodeId: 0, index: 0, pendingNodeIds: [] });
    const more = encodeCursor({ doneNodeIds: [1], inProgressNodeId: 2, index: 5, pendingNodeIds: [3] });
    const pendingOnly = encodeCursor({ doneNodeIds: [1], inProgressNodeId: 0, index: 0, pendingNodeIds: [2] });
    assert.equal(nextCursor(done, 10, 10), undefined);
    assert.equal(nextCursor(more, 10, 10), more);
    assert.equal(nextCursor(more, 9, 10), undefined);
    assert.equal(nextCursor(pendingOnly, 10, 10), pendingOnly);
    assert.equal(nextCursor('opaque', 10, 10), 'opaque');
    assert.equal(nextCursor(undefined, 10, 10), undefined);
    assert.equal(nextCursor('', 10, 10), undefined);
  });

  it('reads offset next, treating absent or non-advancing values as exhausted', () => {
    assert.equal(nextOffset({ next: 20 }, 10), 20);
    assert.equal(nextOffset({}, 0), undefined);
    assert.equal(nextOffset({ next: 10 }, 10), undefined);
    assert.equal(nextOffset({ next: '30' }, 10), 30);
  });
});

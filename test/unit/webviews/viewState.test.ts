import assert from 'node:assert/strict';
import { DEFAULT_STATE, readState } from '../../../src/webviews/app/hotRanges/viewState';

describe('webviews: Hot ranges view state', () => {
  it('defaults to QPS descending on the Ranges tab, auto-refresh off', () => {
    const s = readState({});
    assert.deepEqual(s, DEFAULT_STATE);
    assert.deepEqual(s.sort, { key: 'qps', dir: 'desc' });
  });
  it('reads back what it saved', () => {
    const saved = {
      clusterId: 'https://a:8080',
      tab: 'tables',
      sort: { key: 'table', dir: 'asc' },
      rollupSort: { key: 'rangeCount', dir: 'asc' },
      rollupLevel: 'index',
      filter: { database: 'movr', table: 'users', index: 'primary', nodeId: 3, text: 'x' },
      serverNodeId: 4,
      autoRefresh: true,
      intervalSec: 60,
    };
    assert.deepEqual(readState(saved as never), saved);
  });
  it('drops what an older or tampered state got wrong', () => {
    const s = readState({
      clusterId: 5,
      tab: 'evil',
      sort: { key: 'constructor', dir: 'up' },
      filter: { nodeId: -1, database: 7 },
      serverNodeId: 1.5,
      autoRefresh: 'yes',
      intervalSec: 1,
    } as never);
    assert.equal(s.clusterId, undefined);
    assert.equal(s.tab, 'ranges');
    assert.deepEqual(s.sort, DEFAULT_STATE.sort);
    assert.deepEqual(s.filter, {});
    assert.equal(s.serverNodeId, undefined);
    assert.equal(s.autoRefresh, false);
    assert.equal(s.intervalSec, 30);
  });
});

import assert from 'node:assert/strict';
import { isHostToWebview, isWebviewToHost } from '../../../src/webviews/protocol/messages';

describe('webviews: protocol guards', () => {
  it('accepts every well-formed webview message', () => {
    const ok: unknown[] = [
      { type: 'ready' },
      { type: 'signIn' },
      { type: 'openRange', rangeId: 42 },
      { type: 'cspViolation', directive: 'script-src', blocked: 'inline' },
      { type: 'request', req: 1, method: 'loadHotRanges', params: {} },
      { type: 'request', req: 2, method: 'loadHotRanges', params: { nodeId: 3 } },
      { type: 'request', req: 3, method: 'loadRangeDetails', params: {} },
      {
        type: 'request',
        req: 4,
        method: 'saveExport',
        params: { format: 'csv', suggestedName: 'a.csv', content: 'x' },
      },
    ];
    for (const m of ok) assert.ok(isWebviewToHost(m), JSON.stringify(m));
  });

  it('rejects anything else: unknown types, methods, bad ids and params', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'ready',
      [],
      {},
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'openRange', rangeId: '42' },
      { type: 'openRange', rangeId: -1 },
      { type: 'openRange', rangeId: 1.5 },
      { type: 'cspViolation', directive: 1, blocked: '' },
      { type: 'request', req: '1', method: 'loadHotRanges', params: {} },
      { type: 'request', req: 1, method: 'deleteCluster', params: {} },
      { type: 'request', req: 1, method: 'loadHotRanges' },
      { type: 'request', req: 1, method: 'loadHotRanges', params: { nodeId: 'all' } },
      { type: 'request', req: 1, method: 'loadHotRanges', params: { nodeId: 0 } },
      { type: 'request', req: 1, method: 'saveExport', params: { format: 'exe', suggestedName: 'a', content: '' } },
      { type: 'request', req: 1, method: 'saveExport', params: { format: 'csv', suggestedName: 'a', content: 5 } },
      { type: 'request', req: 1, method: '__proto__', params: {} },
    ];
    for (const m of bad) assert.ok(!isWebviewToHost(m), JSON.stringify(m));
  });

  it('checks what the host sends too', () => {
    assert.ok(isHostToWebview({ type: 'init', panel: 'hotRanges', clusterId: 'https://a:8080', clusterName: 'a' }));
    assert.ok(isHostToWebview({ type: 'init', panel: 'rangeDetails', clusterId: 'x', clusterName: 'a', rangeId: 3 }));
    assert.ok(isHostToWebview({ type: 'refresh' }));
    assert.ok(isHostToWebview({ type: 'reply', req: 1, method: 'loadRangeDetails', ok: true, result: {} }));
    assert.ok(
      isHostToWebview({
        type: 'reply',
        req: 1,
        method: 'loadRangeDetails',
        ok: false,
        error: { kind: 'unauthorized', message: 'signed out' },
      }),
    );
    assert.ok(!isHostToWebview({ type: 'reply', req: 1, ok: false }));
    assert.ok(!isHostToWebview({ type: 'reply', req: 1, ok: true }));
    assert.ok(!isHostToWebview({ type: 'init', panel: 'other', clusterId: 'x', clusterName: 'a' }));
    assert.ok(!isHostToWebview({ type: 'hotRanges' }));
    assert.ok(!isHostToWebview(null));
  });
});

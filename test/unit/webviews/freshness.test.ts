// The provenance line's words (app/common/freshness.ts) and the host fields they
// come from (convert.ts originOf, workloadConvert.ts provenance): a panel says
// which node answered once its /_status/vars named it, and only the address before.
import assert from 'node:assert/strict';
import type { SqlVersion } from '../../../src/api/sql/version';
import { freshnessText, staleText, workloadProvenanceText } from '../../../src/webviews/app/common/freshness';
import { originOf } from '../../../src/webviews/convert';
import { provenance } from '../../../src/webviews/workloadConvert';

const AT = '2026-03-01T10:42:13.000Z';
const time = (iso: string) => new Date(iso).toLocaleTimeString();

describe('webviews: freshness and provenance text', () => {
  it('names the node and its build once known, else the address it went to', () => {
    assert.equal(freshnessText(AT, { via: 'h:26258', node: 'n1 (v25.2.4)' }), `as of ${time(AT)} from n1 (v25.2.4)`);
    assert.equal(freshnessText(AT, { via: 'h:26258' }), `as of ${time(AT)} via h:26258`);
    assert.equal(freshnessText(AT, {}), `as of ${time(AT)}`);
    assert.equal(freshnessText('not a time', {}), 'as of not a time');
  });

  it('the SQL panels add the SQL level only when no node build is named, and the view the rows came from', () => {
    const base = { fetchedAt: AT, via: 'h:26258', source: 'crdb_internal.statement_activity' };
    assert.equal(
      workloadProvenanceText({ ...base, node: 'n3 (v25.2.4)', version: 'v25.2' }),
      `as of ${time(AT)} from n3 (v25.2.4) · crdb_internal.statement_activity`,
    );
    assert.equal(
      workloadProvenanceText({ ...base, version: 'v25.2' }),
      `as of ${time(AT)} via h:26258 · v25.2 · crdb_internal.statement_activity`,
    );
    assert.equal(workloadProvenanceText({ fetchedAt: AT, via: 'h:1' }), `as of ${time(AT)} via h:1`);
  });

  it('a failed refresh says when and why, on one line of bounded length', () => {
    const at = new Date(AT);
    assert.equal(staleText(at, 'Internal Server Error'), ` · refresh failed at ${time(AT)}: Internal Server Error`);
    const long = staleText(at, `<html>\n${'x'.repeat(1000)}</html>`);
    assert.ok(!long.includes('\n'), 'one line');
    assert.ok(long.length < 400, `bounded (${long.length})`);
  });

  it('originOf: the node label only when /_status/vars named the node', () => {
    assert.deepEqual(originOf({ address: 'h:26258', nodeId: 1, version: 'v25.2.4' }), {
      via: 'h:26258',
      node: 'n1 (v25.2.4)',
    });
    assert.deepEqual(originOf({ address: 'h:26258', nodeId: 2 }), { via: 'h:26258', node: 'n2' });
    assert.deepEqual(originOf({ address: 'h:26258', version: 'v25.2.4' }), { via: 'h:26258' });
  });

  it('provenance keeps via, version and source, and adds the node from the gateway', () => {
    const v: SqlVersion = { major: 25, minor: 2 };
    const p = provenance('http://h:26258', v, 'crdb_internal.statement_activity', {
      address: 'h:26258',
      nodeId: 4,
      version: 'v25.2.4',
    });
    assert.equal(p.via, 'h:26258');
    assert.equal(p.version, 'v25.2');
    assert.equal(p.source, 'crdb_internal.statement_activity');
    assert.equal(p.node, 'n4 (v25.2.4)');
    assert.ok(Date.now() - Date.parse(p.fetchedAt) < 60_000);
    assert.equal(provenance('http://h:26258', v, undefined, { address: 'h:26258' }).node, undefined);
    assert.equal(provenance('http://h:26258', undefined).node, undefined);
  });
});

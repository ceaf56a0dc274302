import assert from 'node:assert/strict';
import { normalizeEvents } from '../../../src/api/cluster/normalize/events';
import { decodeCursor, encodeCursor, nextCursor, nextOffset } from '../../../src/api/cluster/normalize/paging';
import { normalizeRules } from '../../../src/api/cluster/normalize/rules';
import { normalizeDatabases, normalizeGrants, normalizeTableDetails, normalizeTableNames, normalizeUsers } from '../../../src/api/cluster/normalize/schema';
import { normalizeSqlResponse } from '../../../src/api/cluster/normalize/sql';
import { base64ToHex, date, nanos, num, str } from '../../../src/api/cluster/normalize/values';
import { cancelQueryStatement, cancelSessionStatement } from '../../../src/api/cluster/cancel';
import { isApiError } from '../../../src/api/http/errors';

describe('normalize: events and schema', () => {
  it('reads events, dropping the zero timestamp', () => {
    const events = normalizeEvents({
      events: [
        { timestamp: '2025-01-16T10:00:00Z', event_type: 'create_table', target_id: 106, reporting_id: 1, info: '{"Statement":"CREATE TABLE"}', unique_id: 'AAEC' },
        { timestamp: '0001-01-01T00:00:00Z', event_type: 'node_join' },
      ],
    });
    assert.equal(events[0]!.timestamp?.toISOString(), '2025-01-16T10:00:00.000Z');
    assert.deepEqual({ ...events[0], timestamp: undefined }, {
      eventType: 'create_table',
      targetId: 106,
      reportingId: 1,
      info: '{"Statement":"CREATE TABLE"}',
      uniqueId: 'AAEC',
      timestamp: undefined,
    });
    assert.deepEqual(events[1], { eventType: 'node_join' });
    assert.deepEqual(normalizeEvents({ events: null }), []);
  });

  it('reads users, databases, table names and grants', () => {
    assert.deepEqual(normalizeUsers({ users: [{ username: 'root' }, { username: 'app' }, 'plain', {}] }), ['root', 'app', 'plain']);
    assert.deepEqual(normalizeDatabases({ databases: ['defaultdb', { name: 'movr' }] }), ['defaultdb', 'movr']);
    assert.deepEqual(normalizeTableNames({ table_names: ['public.rides', 'public."odd name"'] }), ['public.rides', 'public."odd name"']);
    assert.deepEqual(normalizeGrants({ grants: [{ user: 'admin', privileges: ['ALL'] }, { user: 'app', privileges: null }] }), [
      { user: 'admin', privileges: ['ALL'] },
      { user: 'app', privileges: [] },
    ]);
    assert.deepEqual(normalizeUsers({ users: null }), []);
  });

  it('reads table details with omitted zero fields as defaults', () => {
    const d = normalizeTableDetails(
      {
        grants: [{ user: 'root', privileges: ['ALL'] }],
        columns: [
          { name: 'id', type: 'UUID', default_value: 'gen_random_uuid()' },
          { name: 'rowid', type: 'INT8', nullable: true, hidden: true, generation_expression: 'x+1' },
        ],
        indexes: [{ name: 'rides_pkey', unique: true, seq: 1, column: 'id', direction: 'ASC' }, { name: 'ix', seq: 2, column: 'v', storing: true, implicit: true }],
        range_count: '12',
        create_table_statement: 'CREATE TABLE rides ()',
        zone_config_level: 2,
        descriptor_id: 106,
        configure_zone_statement: 'ALTER TABLE rides CONFIGURE ZONE USING gc.ttlseconds = 600',
      },
      'movr',
      'public.rides',
    );
    assert.equal(d.database, 'movr');
    assert.equal(d.table, 'public.rides');
    assert.equal(d.rangeCount, 12);
    assert.equal(d.descriptorId, 106);
    assert.deepEqual(d.columns[0], { name: 'id', type: 'UUID', nullable: false, hidden: false, defaultValue: 'gen_random_uuid()' });
    assert.equal(d.columns[1]!.generationExpression, 'x+1');
    assert.deepEqual(d.indexes[1], { name: 'ix', unique: false, seq: 2, column: 'v', direction: '', storing: true, implicit: true });
    assert.equal(d.zoneConfigStatement, 'ALTER TABLE rides CONFIGURE ZONE USING gc.ttlseconds = 600');
    const empty = normalizeTableDetails({ columns: null }, 'd', 't');
    assert.deepEqual(empty, { database: 'd', table: 't', rangeCount: 0, columns: [], indexes: [], grants: [], createStatement: '' });
  });
});

describe('normalize: alerting rules', () => {
  it('reads the real map keyed by group name', () => {
    const yaml = [
      'rules/alerts:',
      '  rules:',
      '  - alert: InstanceDead',
      '    expr: |',
      '      up{job="cockroachdb"} == 0',
      '    for: 15m',
      '    annotations:',
      '      summary: Instance {{ $labels.instance }} dead',
      '    labels:',
      '      severity: testing',
      '      tier: 2',
      'rules/recording:',
      '  rules:',
      '  - record: node:capacity',
      '    expr: sum(capacity) by (instance)',
      '  - {expr: orphan}',
    ].join('\n');
    const r = normalizeRules(yaml);
    assert.equal(r.rawYaml, yaml);
    assert.equal(r.rules.length, 2);
    assert.deepEqual(r.rules[0], {
      group: 'rules/alerts',
      name: 'InstanceDead',
      kind: 'alert',
      expr: 'up{job="cockroachdb"} == 0',
      for: '15m',
      labels: { severity: 'testing', tier: '2' },
      annotations: { summary: 'Instance {{ $labels.instance }} dead' },
    });
    assert.deepEqual(r.rules[1], { group: 'rules/recording', name: 'node:capacity', kind: 'record', expr: 'sum(capacity) by (instance)' });
  });

  it('reads a Prometheus groups: list', () => {
    const r = normalizeRules('groups:\n- name: crdb\n  rules:\n  - alert: A\n    expr: x > 1\n- name: rec\n  rules:\n  - record: r\n    expr: y\n');
    assert.deepEqual(
      r.rules.map((x) => [x.group, x.kind, x.name]),
      [
        ['crdb', 'alert', 'A'],
        ['rec', 'record', 'r'],
      ],
    );
  });

  it('accepts an empty document and rejects YAML that is not a mapping or not YAML', () => {
    assert.deepEqual(normalizeRules('').rules, []);
    assert.throws(() => normalizeRules('- a\n- b\n'), SyntaxError);
    assert.throws(() => normalizeRules('a: [unclosed'));
  });
});

describe('normalize: sql', () => {
  it('reads statement results', () => {
    const { result, firstError } = normalizeSqlResponse({
      num_statements: 1,
      execution: { txn_results: [{ statement: 1, tag: 'SELECT', rows_affected: 1, columns: [{ name: 'x', type: 'INT8', oid: 20 }], rows: [{ x: 1 }] }] },
    });
    assert.equal(firstError, undefined);
    assert.deepEqual(result, { statements: [{ tag: 'SELECT', rowsAffected: 1, columns: ['x'], rows: [{ x: 1 }] }] });
    assert.deepEqual(normalizeSqlResponse({ num_statements: 1, request: {} }).result, { statements: [] });
  });

  it('reports top-level and statement errors with their SQLSTATE', () => {
    const a = normalizeSqlResponse({ error: { message: 'permission denied', code: '42501' }, execution: { txn_results: [{ error: 'x' }] } });
    assert.deepEqual(a.firstError, { message: 'permission denied', code: '42501' });
    assert.equal(a.result.error, 'permission denied (SQLSTATE 42501)');
    assert.equal(a.result.statements[0]!.error, 'x');
    const b = normalizeSqlResponse({ execution: { txn_results: [{ tag: 'SELECT' }, { error: { message: 'query not found', code: '42704' } }] } });
    assert.deepEqual(b.firstError, { message: 'query not found', code: '42704' });
    assert.equal(b.result.statements[1]!.error, 'query not found (SQLSTATE 42704)');
    assert.equal(normalizeSqlResponse({ error: {} }).firstError, undefined);
    assert.equal(normalizeSqlResponse({ error: '' }).firstError, undefined);
    assert.deepEqual(normalizeSqlResponse({ error: { message: 'plain' } }).firstError, { message: 'plain' });
  });

  it('builds CANCEL statements only from hex ids', () => {
    assert.equal(cancelQueryStatement('17F1C2A1B3D4E5F60000000000000001'), "CANCEL QUERY '17f1c2a1b3d4e5f60000000000000001'");
    assert.equal(cancelSessionStatement(' 17f1c2a1b3d4e5f60000000000000002 '), "CANCEL SESSION '17f1c2a1b3d4e5f60000000000000002'");
    for (const bad of ["1'; DROP TABLE x; --", '', 'g'.repeat(8), 'a'.repeat(33)]) {
      assert.throws(() => cancelQueryStatement(bad), (e: unknown) => isApiError(e, 'badRequest') && !e.message.includes(';'));
      assert.throws(() => cancelSessionStatement(bad), (e: unknown) => isApiError(e, 'badRequest'));
    }
  });
});

describe('normalize: paging', () => {
  it('decodes and encodes the node cursor', () => {
    assert.deepEqual(decodeCursor('MSwyLDMsfDB8MHw='), { doneNodeIds: [1, 2, 3], inProgressNodeId: 0, index: 0, pendingNodeIds: [] });
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

describe('normalize: value readers', () => {
  it('converts wire values defensively', () => {
    assert.equal(num('x', 7), 7);
    assert.equal(num(Infinity), 0);
    assert.equal(num(5n), 5);
    assert.equal(str(12), '12');
    assert.equal(str(null, 'd'), 'd');
    assert.equal(nanos('123456789012345678901'), 123456789012345678901n);
    assert.equal(nanos(1.9), 1n);
    assert.equal(nanos({}), 0n);
    assert.equal(date('nope'), undefined);
    assert.equal(base64ToHex('AAEC'), '000102');
    assert.equal(base64ToHex('_-8='), 'ffef');
  });
});

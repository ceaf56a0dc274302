import assert from 'node:assert/strict';
import {
  normalizeDatabases,
  normalizeGrants,
  normalizeTableDetails,
  normalizeTableNames,
  normalizeUsers,
} from '../../../../../src/api/cluster/normalize/schema';

describe('normalize: events and schema', () => {
  it('reads users, databases, table names and grants', () => {
    assert.deepEqual(normalizeUsers({ users: [{ username: 'root' }, { username: 'app' }, 'plain', {}] }), [
      'root',
      'app',
      'plain',
    ]);
    assert.deepEqual(normalizeDatabases({ databases: ['defaultdb', { name: 'movr' }] }), ['defaultdb', 'movr']);
    assert.deepEqual(normalizeTableNames({ table_names: ['public.rides', 'public."odd name"'] }), [
      'public.rides',
      'public."odd name"',
    ]);
    assert.deepEqual(
      normalizeGrants({
        grants: [
          { user: 'admin', privileges: ['ALL'] },
          { user: 'app', privileges: null },
        ],
      }),
      [
        { user: 'admin', privileges: ['ALL'] },
        { user: 'app', privileges: [] },
      ],
    );
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
        indexes: [
          { name: 'rides_pkey', unique: true, seq: 1, column: 'id', direction: 'ASC' },
          { name: 'ix', seq: 2, column: 'v', storing: true, implicit: true },
        ],
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
    assert.deepEqual(d.columns[0], {
      name: 'id',
      type: 'UUID',
      nullable: false,
      hidden: false,
      defaultValue: 'gen_random_uuid()',
    });
    assert.equal(d.columns[1]!.generationExpression, 'x+1');
    assert.deepEqual(d.indexes[1], {
      name: 'ix',
      unique: false,
      seq: 2,
      column: 'v',
      direction: '',
      storing: true,
      implicit: true,
    });
    assert.equal(d.zoneConfigStatement, 'ALTER TABLE rides CONFIGURE ZONE USING gc.ttlseconds = 600');
    const empty = normalizeTableDetails({ columns: null }, 'd', 't');
    assert.deepEqual(empty, {
      database: 'd',
      table: 't',
      rangeCount: 0,
      columns: [],
      indexes: [],
      grants: [],
      createStatement: '',
    });
  });
});

// SQL sessions, one deterministic generator per (node, index). Ids encode the
// node and index, so `CANCEL SESSION`/`CANCEL QUERY` can find their target
// without any stored list.

import { omitZero } from '../json';
import type { Rng } from '../prng';
import { K, rngFor } from '../prng';
import { BACKTICKS, HOSTILE_APP_NAMES, HOSTILE_USERNAMES, QUOTES, RTL, XSS_IMG, XSS_SCRIPT } from './hostile';
import { SECOND, nanosToRfc3339 } from './time';
import type { Topology } from './topology';

export const STATUS = { active: 0, closed: 1, idle: 2 } as const;

export interface CancelState {
  sessions: ReadonlySet<string>;
  queries: ReadonlySet<string>;
}

const USERS = ['app_user', 'app_user', 'app_user', 'root', 'admin', 'viewer', 'analytics', 'analytics'];
const APPS = ['movr-app', 'movr-app', 'bank-worker', '$ cockroach sql', 'DBeaver 24.1', 'psql', 'metabase', 'airflow'];

function longSql(rng: Rng): string {
  const cols = Array.from({ length: 60 }, (_, i) => `r.col_${i} AS "alias_${i}"`).join(', ');
  const ids = Array.from({ length: 120 }, () => `'${rng.int(1e8, 9e8)}'`).join(', ');
  return `SELECT ${cols} FROM movr.public.rides AS r JOIN movr.public.users AS u ON u.id = r.rider_id WHERE r.city IN ('new york', 'boston', 'paris') AND r.id IN (${ids}) ORDER BY r.start_time DESC LIMIT 500`;
}

function sqlFor(rng: Rng): { sql: string; noConst: string; summary: string; db: string } {
  const u = rng.float();
  if (u < 0.1) {
    const sql = longSql(rng);
    return { sql, noConst: sql.replace(/'\d+'/g, '_'), summary: 'SELECT r.col_0, r.col_1, … FROM rides', db: 'movr' };
  }
  if (u < 0.2) {
    const sql = `SELECT * FROM movr.public."${XSS_SCRIPT}" WHERE note = '${XSS_IMG}' OR memo = e'${QUOTES.replace(/'/g, "\\'")}'`;
    return { sql, noConst: sql.replace(/'[^']*'/g, '_'), summary: `SELECT * FROM "${XSS_SCRIPT}"`, db: 'movr' };
  }
  if (u < 0.25) {
    const sql = `INSERT INTO bank.public."ledger" (memo) VALUES ('${RTL}'), ('${BACKTICKS}')`;
    return {
      sql,
      noConst: 'INSERT INTO bank.public.ledger(memo) VALUES (__more__)',
      summary: 'INSERT INTO ledger',
      db: 'bank',
    };
  }
  const id = rng.int(1, 1e6);
  const picks = [
    {
      sql: `SELECT id, city, revenue FROM rides WHERE revenue > ${id % 100}`,
      noConst: 'SELECT id, city, revenue FROM rides WHERE revenue > _',
      summary: 'SELECT id, city, revenue FROM rides',
      db: 'movr',
    },
    {
      sql: `UPDATE accounts SET balance = balance - 10 WHERE id = ${id}`,
      noConst: 'UPDATE accounts SET balance = balance - _ WHERE id = _',
      summary: 'UPDATE accounts',
      db: 'bank',
    },
    {
      sql: `SELECT count(*) FROM vehicles WHERE status = 'available'`,
      noConst: 'SELECT count(*) FROM vehicles WHERE status = _',
      summary: 'SELECT count(*) FROM vehicles',
      db: 'movr',
    },
  ];
  return rng.pick(picks);
}

function uuid(rng: Rng): string {
  const h = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 16-byte ClusterWideID: wall time of creation, then (index+1)<<32 | node id. */
export function clusterWideId(hiNanos: bigint, nodeId: number, index: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(hiNanos, 0);
  b.writeBigUInt64BE((BigInt(index + 1) << 32n) | BigInt(nodeId), 8);
  return b;
}

export function parseClusterWideId(hex: string): { nodeId: number; index: number; hi: bigint } | undefined {
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return undefined;
  const b = Buffer.from(hex, 'hex');
  const lo = b.readBigUInt64BE(8);
  return { hi: b.readBigUInt64BE(0), nodeId: Number(lo & 0xffffffffn), index: Number(lo >> 32n) - 1 };
}

export interface SessionModel {
  nodeId: number;
  index: number;
  username: string;
  status: number;
  idHex: string;
  queryIdHex?: string;
  wire: Record<string, unknown>;
}

export function sessionModel(t: Topology, nodeId: number, index: number, cancel: CancelState): SessionModel {
  const rng = rngFor(t.seed, K.session, nodeId, index);
  const username = rng.chance(0.06) ? rng.pick(HOSTILE_USERNAMES) : rng.pick(USERS);
  const app = rng.chance(0.1) ? rng.pick(HOSTILE_APP_NAMES) : rng.pick(APPS);
  const startNs = t.baseNanos - BigInt(rng.int(30, 86_400)) * SECOND - BigInt(rng.int(0, 999_999_999));
  const idBytes = clusterWideId(startNs, nodeId, index);
  const idHex = idBytes.toString('hex');
  const u = rng.float();
  let status: number =
    t.profile === 'v21' ? STATUS.active : u < 0.6 ? STATUS.active : u < 0.85 ? STATUS.idle : STATUS.closed;
  const cancelled = cancel.sessions.has(idHex);
  if (cancelled) status = STATUS.closed;
  const q = sqlFor(rng);
  const last = sqlFor(rng);
  const txnId = uuid(rng);
  const queryStart = t.baseNanos - BigInt(rng.int(1, 25)) * SECOND;
  const queryIdHex = clusterWideId(queryStart, nodeId, index).toString('hex');
  const hasQuery = status === STATUS.active && !cancel.queries.has(queryIdHex);
  const alloc = rng.int(0, 4) * 10_240;
  const activeQueries = hasQuery
    ? [
        omitZero({
          id: queryIdHex,
          txn_id: txnId,
          sql: q.sql,
          sql_no_constants: q.noConst,
          sql_summary: q.summary,
          start: nanosToRfc3339(queryStart),
          is_distributed: rng.chance(0.3),
          phase: rng.chance(0.9) ? 1 : 0,
          progress: rng.round2(rng.float()),
          is_full_scan: t.profile === 'v21' ? false : rng.chance(0.2),
          elapsed_time: t.profile === 'v21' ? undefined : t.baseNanos - queryStart,
          plan_gist: t.profile === 'v21' ? '' : 'AgHUAQIAAwAAAAMGAg==',
          database: t.profile === 'v21' ? '' : q.db,
        }),
      ]
    : null;
  const activeTxn = hasQuery
    ? omitZero({
        id: txnId,
        start: nanosToRfc3339(queryStart - 3_000_000n),
        txn_description: `"sql txn" meta={id=${txnId.slice(0, 8)} key=/Min iso=Serializable pri=0.01 epo=0} lock=false stat=PENDING`,
        num_statements_executed: rng.int(1, 12),
        num_retries: rng.chance(0.1) ? rng.int(1, 3) : 0,
        num_auto_retries: rng.chance(0.1) ? rng.int(1, 3) : 0,
        deadline: '0001-01-01T00:00:00Z',
        implicit: rng.chance(0.7),
        alloc_bytes: alloc,
        max_alloc_bytes: alloc * 2,
        read_only: rng.chance(0.5),
        priority: 'normal',
        quality_of_service: 'regular',
      })
    : undefined;
  const newer = t.profile !== 'v21';
  const wire = omitZero({
    node_id: nodeId,
    username,
    client_address: `10.${nodeId % 256}.${(index >> 8) & 255}.${index & 255}:${rng.int(30_000, 65_000)}`,
    application_name: app,
    active_queries: activeQueries,
    start: nanosToRfc3339(startNs),
    last_active_query: last.sql,
    id: idBytes.toString('base64'),
    alloc_bytes: status === STATUS.closed ? 0 : alloc,
    max_alloc_bytes: alloc * 4 + 10_240,
    active_txn: activeTxn,
    last_active_query_no_constants: last.noConst,
    status: newer ? status : undefined,
    end: newer && status === STATUS.closed ? nanosToRfc3339(t.baseNanos - BigInt(rng.int(1, 20)) * SECOND) : undefined,
    num_txns_executed: newer ? rng.int(0, 5000) : undefined,
    // uint64 fingerprints routinely exceed 2^53.
    txn_fingerprint_ids: newer
      ? [BigInt(rng.int(1, 2 ** 30)) * 9_000_000_000_011n, BigInt(rng.int(1, 1e6))]
      : undefined,
    total_active_time: newer ? BigInt(rng.int(1, 900)) * 100_000_000n : undefined,
  });
  // gogoproto keeps a nil non-nullable repeated field as null rather than dropping it.
  if (activeQueries === null) (wire as Record<string, unknown>).active_queries = null;
  return { nodeId, index, username, status, idHex, queryIdHex: hasQuery ? queryIdHex : undefined, wire };
}

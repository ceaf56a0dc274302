// SQL sessions, one deterministic generator per (node, index). Ids encode the
// node and index, so `CANCEL SESSION`/`CANCEL QUERY` can find their target
// without any stored list. A few sessions at fixed places play the live
// workload (liveWorkload): they run generated statement fingerprints, and
// pairs of them block and wait for each other, so contention events and
// cluster_locks (src/sim/sql/genWorkload.ts) name transactions that are open
// right now, and a "cancel the blocker" has a target.

import { omitZero } from '../json';
import type { Rng } from '../prng';
import { K, rngFor } from '../prng';
import { fingerprintCount, fingerprints, type Fingerprint } from '../sql/genStatements';
import { BACKTICKS, HOSTILE_APP_NAMES, HOSTILE_USERNAMES, QUOTES, RTL, XSS_IMG, XSS_SCRIPT } from './hostile';
import { findDatabase, findTable } from './schema';
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

// ---- the live workload -------------------------------------------------------

/** Right now, the blocker's statement holds a lock on a row of `table` that the waiter's statement wants. */
const CONTENTION_PAIRS: ReadonlyArray<{ table: string; blocker: string; waiter: string }> = [
  {
    table: 'accounts',
    blocker: 'UPDATE accounts SET balance = balance - $1 WHERE id = $2',
    waiter: 'SELECT balance FROM accounts WHERE id = $1',
  },
  {
    table: 'vehicles',
    blocker: 'UPDATE vehicles SET status = $1 WHERE id = $2',
    waiter: 'SELECT count(*) FROM vehicles WHERE status = $1',
  },
  {
    table: 'transfers',
    blocker: 'INSERT INTO transfers(id, src, dst, amount, at) VALUES ($1, $2, $3, $4, now())',
    waiter: 'SELECT * FROM transfers WHERE amount > $1 ORDER BY at DESC',
  },
  {
    table: 'accounts',
    blocker: 'UPDATE accounts SET balance = balance - $1 WHERE id = $2',
    waiter: 'UPDATE accounts SET balance = balance - $1 WHERE id = $2',
  },
];

/** Statements a few more sessions run with nothing in their way. */
const RUNNERS = [
  'SELECT * FROM rides WHERE rider_id = $1',
  'SELECT id, city, name FROM users WHERE city = $1 LIMIT $2',
  'SELECT sum(revenue) FROM rides WHERE start_time > $1',
  'DELETE FROM audit.audit_log WHERE actor = $1',
];

/** The plan gist the statistics record for every generated fingerprint (genStatements.ts). */
const FINGERPRINT_PLAN_GIST = 'AgHQAQIAAwAAAAMGAg==';

export interface LiveSeat {
  nodeId: number;
  index: number;
  fingerprint: Fingerprint;
}

export interface LivePair {
  pair: number;
  /** Database and table (public schema) of the contended row. */
  db: string;
  table: string;
  blocker: LiveSeat;
  waiter: LiveSeat;
}

type LiveRole =
  { kind: 'blocker' | 'waiter'; pair: number; fingerprint: Fingerprint } | { kind: 'runner'; fingerprint: Fingerprint };

export interface LiveWorkload {
  pairs: LivePair[];
  runners: LiveSeat[];
  roleAt(nodeId: number, index: number): LiveRole | undefined;
}

/** Per topology, for the fingerprint count it was built with (a benchmark may set another one). */
const liveCache = new WeakMap<Topology, { count: number; live: LiveWorkload }>();

/**
 * Which sessions play the live workload: seat j is session floor(j / nodes) of node
 * 1 + (j mod nodes), so a blocker and its waiter sit on different nodes and the seats are the
 * first sessions of every node. Pairs come first, then runners; a cluster with fewer sessions
 * gets fewer of them (none without sessions). Cached per topology, so sessionModel stays cheap.
 */
export function liveWorkload(t: Topology): LiveWorkload {
  const cached = liveCache.get(t);
  if (cached?.count === fingerprintCount(t)) return cached.live;
  const fps = fingerprints(t);
  const used = new Set<number>();
  // Each use takes the next variant of the template run by a user application.
  const pick = (sql: string): Fingerprint | undefined => {
    const f = fps.find((x) => x.tpl.sql === sql && !x.app.startsWith('$ internal') && !used.has(x.i));
    if (f) used.add(f.i);
    return f;
  };
  const seats = t.nodeCount * t.sessionsPerNode;
  let next = 0;
  const seat = (fingerprint: Fingerprint): LiveSeat => {
    const j = next++;
    return { nodeId: 1 + (j % t.nodeCount), index: Math.floor(j / t.nodeCount), fingerprint };
  };
  const pairs: LivePair[] = [];
  for (const p of CONTENTION_PAIRS) {
    if (next + 2 > seats) break;
    const blocker = pick(p.blocker);
    const waiter = pick(p.waiter);
    if (!blocker || !waiter) continue;
    pairs.push({
      pair: pairs.length,
      db: blocker.tpl.db,
      table: p.table,
      blocker: seat(blocker),
      waiter: seat(waiter),
    });
  }
  const runners: LiveSeat[] = [];
  for (const sql of RUNNERS) {
    const f = next < seats ? pick(sql) : undefined;
    if (f) runners.push(seat(f));
  }
  const roles = new Map<number, LiveRole>();
  const key = (nodeId: number, index: number): number => index * t.nodeCount + nodeId - 1;
  for (const p of pairs) {
    roles.set(key(p.blocker.nodeId, p.blocker.index), {
      kind: 'blocker',
      pair: p.pair,
      fingerprint: p.blocker.fingerprint,
    });
    roles.set(key(p.waiter.nodeId, p.waiter.index), {
      kind: 'waiter',
      pair: p.pair,
      fingerprint: p.waiter.fingerprint,
    });
  }
  for (const r of runners) roles.set(key(r.nodeId, r.index), { kind: 'runner', fingerprint: r.fingerprint });
  const live: LiveWorkload = { pairs, runners, roleAt: (nodeId, index) => roles.get(key(nodeId, index)) };
  liveCache.set(t, { count: fps.length, live });
  return live;
}

/** A constant for the column a placeholder is compared with (or inserted into), by the column's type. */
function literal(rng: Rng, column: string | undefined, type: string | undefined): string {
  if (type === 'UUID') return `'${uuid(rng)}'`;
  if (type?.startsWith('DECIMAL')) return (rng.int(100, 999_999) / 100).toFixed(2);
  if (type === 'TIMESTAMPTZ') return `'2025-0${rng.int(1, 9)}-1${rng.int(0, 9)} 00:00:00+00'`;
  if (type === 'STRING') {
    const words: Record<string, string[]> = {
      city: ['new york', 'boston', 'amsterdam', 'paris'],
      status: ['available', 'in_use', 'lost'],
      actor: ['svc-batch', 'ops-oncall', 'app_user'],
    };
    return `'${rng.pick(words[column ?? ''] ?? ['%free ride%', 'x'])}'`;
  }
  return String(column === undefined ? rng.int(1, 100) : rng.int(1, 999_999));
}

/**
 * One execution of a fingerprint: its placeholders bound to constants in `sql`, and printed
 * `_` in `noConst`, as CockroachDB's sql_no_constants prints a constant.
 */
export function executionOf(f: Fingerprint, rng: Rng): { sql: string; noConst: string; summary: string; db: string } {
  const q = f.query;
  const db = findDatabase(f.tpl.db);
  const tableName = /\b(?:FROM|UPDATE|INTO)\s+([\w.]+)/i.exec(q)?.[1];
  const table = db && tableName ? findTable(db, tableName) : undefined;
  const inserted =
    /\(([^)]*)\)\s*VALUES\s*\(/i
      .exec(q)?.[1]
      ?.split(',')
      .map((c) => c.trim()) ?? [];
  const sql = q.replace(/\$(\d+)/g, (_m, n: string, at: number) => {
    const before = q.slice(0, at);
    const compared = /(\w+)\s*(?:=|>|<|LIKE)\s*$/i.exec(before)?.[1];
    const column = compared ?? (/VALUES\s*\([^)]*$/i.test(before) ? inserted[Number(n) - 1] : undefined);
    const type = table?.columns.find((c) => c.name === column)?.type;
    return literal(rng, column, type);
  });
  return { sql, noConst: q.replace(/\$\d+/g, '_'), summary: f.tpl.summary, db: f.tpl.db };
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

function fullScanOf(role: LiveRole | undefined, drawn: boolean): boolean {
  return role ? role.fingerprint.tpl.fullScan === true : drawn;
}

export function sessionModel(t: Topology, nodeId: number, index: number, cancel: CancelState): SessionModel {
  const rng = rngFor(t.seed, K.session, nodeId, index);
  const role = liveWorkload(t).roleAt(nodeId, index);
  const drawnUser = rng.chance(0.06) ? rng.pick(HOSTILE_USERNAMES) : rng.pick(USERS);
  const drawnApp = rng.chance(0.1) ? rng.pick(HOSTILE_APP_NAMES) : rng.pick(APPS);
  // A live-workload session runs as the application its fingerprint's statistics are recorded under.
  const username = role ? 'app_user' : drawnUser;
  const app = role ? role.fingerprint.app : drawnApp;
  const startNs = t.baseNanos - BigInt(rng.int(30, 86_400)) * SECOND - BigInt(rng.int(0, 999_999_999));
  const idBytes = clusterWideId(startNs, nodeId, index);
  const idHex = idBytes.toString('hex');
  const u = rng.float();
  let status: number =
    t.profile === 'v21' || role ? STATUS.active : u < 0.6 ? STATUS.active : u < 0.85 ? STATUS.idle : STATUS.closed;
  const cancelled = cancel.sessions.has(idHex);
  if (cancelled) status = STATUS.closed;
  const drawn = sqlFor(rng);
  const last = sqlFor(rng);
  const txnId = uuid(rng);
  const drawnStart = t.baseNanos - BigInt(rng.int(1, 25)) * SECOND;
  // A blocker has held its lock for a while (its transaction began earlier still); its waiter began since.
  const queryStart =
    role?.kind === 'blocker'
      ? t.baseNanos - BigInt(45 + 10 * role.pair) * SECOND
      : role?.kind === 'waiter'
        ? t.baseNanos - BigInt(4 + role.pair) * SECOND
        : drawnStart;
  const txnStart =
    role?.kind === 'blocker'
      ? queryStart - 20n * SECOND
      : role?.kind === 'waiter'
        ? queryStart - SECOND
        : queryStart - 3_000_000n;
  const q = role ? executionOf(role.fingerprint, rng) : drawn;
  const queryIdHex = clusterWideId(queryStart, nodeId, index).toString('hex');
  const hasQuery = status === STATUS.active && !cancel.queries.has(queryIdHex);
  const alloc = rng.int(0, 4) * 10_240;
  // Drawn in the same order for every session, so the live workload leaves the others as they were.
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
          phase: rng.chance(0.9) || role ? 1 : 0,
          progress: rng.round2(rng.float()),
          is_full_scan: t.profile === 'v21' ? false : fullScanOf(role, rng.chance(0.2)),
          elapsed_time: t.profile === 'v21' ? undefined : t.baseNanos - queryStart,
          plan_gist: t.profile === 'v21' ? '' : role ? FINGERPRINT_PLAN_GIST : 'AgHUAQIAAwAAAAMGAg==',
          database: t.profile === 'v21' ? '' : q.db,
        }),
      ]
    : null;
  // Locks held across statements need an explicit transaction.
  const holdsOrWaits = role?.kind === 'blocker' || role?.kind === 'waiter';
  const writes = role !== undefined && !role.fingerprint.tpl.sql.startsWith('SELECT');
  const activeTxn = hasQuery
    ? omitZero({
        id: txnId,
        start: nanosToRfc3339(txnStart),
        txn_description: `"sql txn" meta={id=${txnId.slice(0, 8)} key=/Min iso=Serializable pri=0.01 epo=0} lock=${role?.kind === 'blocker'} stat=PENDING`,
        num_statements_executed: Math.max(role?.kind === 'blocker' ? 2 : 1, rng.int(1, 12)),
        num_retries: rng.chance(0.1) ? rng.int(1, 3) : 0,
        num_auto_retries: rng.chance(0.1) ? rng.int(1, 3) : 0,
        deadline: '0001-01-01T00:00:00Z',
        implicit: rng.chance(0.7) && !holdsOrWaits,
        alloc_bytes: alloc,
        max_alloc_bytes: alloc * 2,
        read_only: rng.chance(0.5) && !writes,
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

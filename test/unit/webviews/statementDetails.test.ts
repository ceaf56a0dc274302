import assert from 'node:assert/strict';
import type { ActiveQuery } from '../../../src/api/cluster/models';
import type { ContentionEvent, StatementInsight } from '../../../src/api/sql/models';
import {
  contentionRow,
  distinct,
  historyFigures,
  insightSummary,
  latencyChartModel,
  linkBlockingSessions,
  liveSession,
  mergeStatementRows,
  niceCeil,
  parseIndexRecommendation,
  sessionsRunning,
  timeTicks,
} from '../../../src/webviews/model/statementDetails';
import type { StatementHourPoint, StatementRow } from '../../../src/webviews/protocol/workload';
import { session } from '../modelFixtures';

const NOW = Date.parse('2026-03-01T12:30:00Z');

const query = (over: Partial<ActiveQuery>): ActiveQuery => ({
  id: 'q1',
  sql: 'SELECT 1',
  phase: 'executing',
  isDistributed: false,
  isFullScan: false,
  ...over,
});

const row = (over: Partial<StatementRow>): StatementRow => ({
  fingerprintId: '00000000000000aa',
  appName: 'movr',
  database: 'movr',
  query: 'SELECT * FROM rides WHERE id = $1',
  querySummary: 'SELECT * FROM rides',
  executionCount: 10,
  totalTime: 1,
  meanLatency: 0.1,
  cpuNanos: 1000,
  rowsRead: 5,
  rowsWritten: 0,
  contention: 0,
  retries: 0,
  fullScan: false,
  indexRecommendations: [],
  ...over,
});

const hour = (iso: string, mean: number, p99?: number, count = 10): StatementHourPoint => ({
  at: iso,
  executionCount: count,
  meanLatency: mean,
  ...(p99 !== undefined ? { p99Latency: p99 } : {}),
});

describe('webviews: Statement details model', () => {
  describe('index recommendations', () => {
    it('strips the `type : ` prefix and keeps the SQL whole', () => {
      assert.deepEqual(
        parseIndexRecommendation('creation : CREATE INDEX ON movr.public.rides (city) STORING (rider_id);'),
        { type: 'creation', sql: 'CREATE INDEX ON movr.public.rides (city) STORING (rider_id);' },
      );
      assert.deepEqual(
        parseIndexRecommendation('replacement : CREATE UNIQUE INDEX ON t (a) STORING (b); DROP INDEX t@t_a_idx;'),
        { type: 'replacement', sql: 'CREATE UNIQUE INDEX ON t (a) STORING (b); DROP INDEX t@t_a_idx;' },
      );
      assert.deepEqual(parseIndexRecommendation('  Alteration:ALTER INDEX t@i VISIBLE;'), {
        type: 'alteration',
        sql: 'ALTER INDEX t@i VISIBLE;',
      });
    });
    it('leaves text without a type prefix (or with a cast) alone', () => {
      assert.deepEqual(parseIndexRecommendation('CREATE INDEX ON t (a);'), { type: '', sql: 'CREATE INDEX ON t (a);' });
      assert.deepEqual(parseIndexRecommendation('x::INT'), { type: '', sql: 'x::INT' });
    });
  });

  describe('figures from the history', () => {
    it('adds counts, weights the mean, keeps the highest p99', () => {
      const f = historyFigures([hour('2026-03-01T10:00:00Z', 0.1, 0.5, 10), hour('2026-03-01T11:00:00Z', 0.4, 2, 30)]);
      assert.equal(f.executionCount, 40);
      assert.ok(Math.abs(f.totalTime - 13) < 1e-9);
      assert.ok(Math.abs(f.meanLatency - 13 / 40) < 1e-9);
      assert.equal(f.p99Latency, 2);
    });
    it('no history: zeros and no p99', () => {
      assert.deepEqual(historyFigures([]), { executionCount: 0, totalTime: 0, meanLatency: 0 });
    });
  });

  describe('latency chart', () => {
    const box = { width: 640, height: 200, left: 60, right: 10, top: 10, bottom: 30 };
    it('rounds the scale up to 1, 2 or 5 × 10^k', () => {
      assert.equal(niceCeil(0), 0);
      assert.equal(niceCeil(0.0031), 0.005);
      assert.equal(niceCeil(0.1), 0.1);
      assert.equal(niceCeil(1.2), 2);
      assert.equal(niceCeil(7), 10);
      assert.equal(niceCeil(Number.NaN), 0);
    });
    it('places hours on the time axis and latencies on a scale from 0 that holds the highest p99', () => {
      const m = latencyChartModel(
        [hour('2026-03-01T11:00:00Z', 0.2, 1.5), hour('2026-03-01T09:00:00Z', 0.1, 0.3)],
        { start: '2026-03-01T06:30:00Z', end: '2026-03-01T12:30:00Z' },
        box,
      );
      assert.equal(m.yMax, 2);
      assert.deepEqual(
        m.yTicks.map((t) => t.value),
        [0, 0.5, 1, 1.5, 2],
      );
      assert.equal(m.yTicks[0]!.y, box.height - box.bottom);
      assert.equal(m.yTicks[4]!.y, box.top);
      // Sorted by time; the window starts at 06:00 (its hour), ends 12:30.
      assert.deepEqual(
        m.mean.map((p) => p.at),
        ['2026-03-01T09:00:00Z', '2026-03-01T11:00:00Z'],
      );
      const plotW = box.width - box.left - box.right;
      assert.ok(Math.abs(m.mean[0]!.x - (box.left + (3 / 6.5) * plotW)) < 1e-9);
      assert.ok(m.mean.every((p) => p.x >= box.left && p.x <= box.width - box.right));
      assert.ok(m.p99[0]!.y < m.mean[0]!.y, 'p99 above the mean');
      // Two hours apart: an hour without executions between them breaks the line.
      assert.match(m.meanPath, /^M[\d.]+ [\d.]+ M[\d.]+ [\d.]+$/);
    });
    it('joins consecutive hours and leaves out hours without a p99', () => {
      const m = latencyChartModel(
        [
          hour('2026-03-01T10:00:00Z', 0.1),
          hour('2026-03-01T11:00:00Z', 0.2, 0.4),
          hour('2026-03-01T12:00:00Z', 0.1, 0.3),
        ],
        { start: '2026-03-01T09:30:00Z', end: '2026-03-01T12:30:00Z' },
        box,
      );
      assert.match(m.meanPath, /^M\S+ \S+ L\S+ \S+ L\S+ \S+$/);
      assert.equal(m.p99.length, 2);
      assert.match(m.p99Path, /^M\S+ \S+ L\S+ \S+$/);
    });
    it('an empty history still has a scale and no lines', () => {
      const m = latencyChartModel([], { start: '2026-03-01T11:30:00Z', end: '2026-03-01T12:30:00Z' }, box);
      assert.equal(m.yMax, 1);
      assert.equal(m.meanPath, '');
      assert.equal(m.p99Path, '');
    });
    it('time ticks fall on whole hours of the viewer’s zone, at most the number asked for', () => {
      const start = Date.parse('2026-03-01T00:10:00Z');
      const end = Date.parse('2026-03-01T06:00:00Z');
      const ticks = timeTicks(start, end, 6);
      assert.equal(ticks.length, 6);
      assert.ok(ticks.every((t) => t % 3_600_000 === 0 && t >= start && t <= end));
      const week = timeTicks(start, start + 7 * 86_400_000, 6);
      assert.ok(week.length <= 6 && week.length >= 3);
      // UTC+2 (getTimezoneOffset -120): daily ticks at local midnight = 22:00 UTC.
      const local = timeTicks(start, start + 5 * 86_400_000, 6, -120);
      assert.ok(
        local.every((t) => new Date(t).getUTCHours() === 22),
        local.map((t) => new Date(t).toISOString()).join(),
      );
      assert.deepEqual(timeTicks(end, start), []);
    });
  });

  describe('host side: rows, sessions running it, blocking sessions', () => {
    it('converts insights and contention events to payload rows (dates as ISO text, table as db.schema.table)', () => {
      const i = insightSummary({
        statementId: 's1',
        statementFingerprintId: '00000000000000aa',
        transactionId: 't1',
        transactionFingerprintId: 'f',
        sessionId: 'x',
        query: 'SELECT 1',
        problem: 'SlowExecution',
        causes: ['HighContention'],
        status: 'Completed',
        end: new Date(NOW),
        userName: 'u',
        appName: 'movr',
        database: 'movr',
        fullScan: false,
        rowsRead: 1,
        rowsWritten: 0,
        retries: 0,
        contention: 1.5,
        cpuNanos: 0,
        indexRecommendations: ['creation : CREATE INDEX ON t (a);'],
        planGist: '',
        errorCode: '',
      } satisfies StatementInsight);
      assert.deepEqual(i, {
        statementId: 's1',
        transactionId: 't1',
        problem: 'SlowExecution',
        causes: ['HighContention'],
        end: new Date(NOW).toISOString(),
        contention: 1.5,
        indexRecommendations: ['creation : CREATE INDEX ON t (a);'],
      });
      const c = contentionRow({
        collectedAt: new Date(NOW),
        blockingTxnId: 'b-1',
        blockingTxnFingerprintId: 'bf',
        waitingTxnId: 'w-1',
        waitingTxnFingerprintId: 'wf',
        waitingStatementId: 'ws',
        waitingStatementFingerprintId: '00000000000000aa',
        duration: 0.25,
        key: '/Table/104/1/7',
        database: 'movr',
        schema: 'public',
        table: 'rides',
        index: 'rides_pkey',
        contentionType: 'LOCK_WAIT',
      } satisfies ContentionEvent);
      assert.equal(c.table, 'movr.public.rides');
      assert.equal(c.collectedAt, new Date(NOW).toISOString());
      assert.equal(c.blockingSession, undefined);
      assert.doesNotThrow(() => structuredClone(c));
    });

    it('finds sessions whose running statement is the fingerprint, by its text without constants', () => {
      const sessions = [
        session({
          id: 'a1',
          activeQueries: [
            query({
              id: 'qa',
              sql: "SELECT * FROM rides WHERE id = 'x1'",
              sqlNoConstants: 'SELECT * FROM rides WHERE id = _',
              database: 'movr',
              elapsedNanos: 2_500_000_000n,
            }),
          ],
        }),
        // Same text, no sql_no_constants (older servers): normalised from the text itself.
        session({
          id: 'a2',
          activeQueries: [
            query({ id: 'qb', sql: "select * from RIDES where id = 'y' -- app", start: new Date(NOW - 4000) }),
          ],
        }),
        // Another database: another fingerprint.
        session({
          id: 'a3',
          activeQueries: [query({ sql: 'SELECT * FROM rides WHERE id = 1', database: 'bank' })],
        }),
        session({ id: 'a4', status: 'closed', activeQueries: [query({ sql: 'SELECT * FROM rides WHERE id = 1' })] }),
        session({ id: 'a5', activeQueries: [query({ sql: 'SELECT * FROM users WHERE id = 1' })] }),
      ];
      const running = sessionsRunning(sessions, 'SELECT * FROM rides WHERE id = $1', 'movr', NOW);
      assert.deepEqual(
        running.map((s) => s.sessionId),
        ['a1', 'a2'],
      );
      assert.equal(running[0]!.elapsed, 2.5);
      assert.equal(running[0]!.queryId, 'qa');
      assert.equal(running[0]!.query, "SELECT * FROM rides WHERE id = 'x1'", 'the statement as it runs');
      assert.equal(running[1]!.elapsed, 4);
      assert.deepEqual(sessionsRunning(sessions, '', 'movr', NOW), [], 'no text, no match');
    });

    it('links a contention row to the live session whose open transaction blocked it', () => {
      const rows = [
        contentionRow({
          blockingTxnId: 'AAAA-1',
          blockingTxnFingerprintId: 'f',
          waitingTxnId: 'w',
          waitingTxnFingerprintId: '',
          waitingStatementId: '',
          waitingStatementFingerprintId: '',
          duration: 1,
          key: '',
          database: '',
          schema: '',
          table: '',
          index: '',
          contentionType: '',
        }),
        contentionRow({
          blockingTxnId: 'bbbb-2',
          blockingTxnFingerprintId: 'f',
          waitingTxnId: 'w',
          waitingTxnFingerprintId: '',
          waitingStatementId: '',
          waitingStatementFingerprintId: '',
          duration: 1,
          key: '',
          database: '',
          schema: '',
          table: '',
          index: '',
          contentionType: '',
        }),
        contentionRow({
          blockingTxnId: 'cccc-3',
          blockingTxnFingerprintId: 'f',
          waitingTxnId: 'w',
          waitingTxnFingerprintId: '',
          waitingStatementId: '',
          waitingStatementFingerprintId: '',
          duration: 1,
          key: '',
          database: '',
          schema: '',
          table: '',
          index: '',
          contentionType: '',
        }),
      ];
      const sessions = [
        session({ id: 's1', nodeId: 2, activeTxnId: 'aaaa-1', lastActiveQuery: 'UPDATE t SET v = 1' }),
        session({ id: 's2', nodeId: 3, activeQueries: [query({ txnId: 'BBBB-2', sql: 'SELECT pg_sleep(100)' })] }),
        session({ id: 's3', status: 'closed', activeTxnId: 'cccc-3' }),
      ];
      linkBlockingSessions(rows, sessions, NOW);
      assert.equal(rows[0]!.blockingSession?.sessionId, 's1');
      assert.equal(rows[0]!.blockingSession?.query, 'UPDATE t SET v = 1', 'an idle session shows its last statement');
      assert.equal(rows[1]!.blockingSession?.sessionId, 's2');
      assert.equal(rows[1]!.blockingSession?.nodeId, 3);
      assert.equal(rows[2]!.blockingSession, undefined, 'a closed session cannot be cancelled');
    });

    it('a live session is plain JSON', () => {
      const l = liveSession(session({ activeQueries: [query({ start: new Date(NOW - 1000) })] }), undefined, NOW);
      assert.deepEqual(l, {
        sessionId: 'ab12',
        nodeId: 1,
        user: 'app',
        appName: 'movr',
        query: 'SELECT 1',
        queryId: 'q1',
        elapsed: 1,
      });
    });

    it('merges one fingerprint over several applications', () => {
      assert.equal(mergeStatementRows([], ''), undefined);
      const one = row({});
      assert.deepEqual(mergeStatementRows([one], 'movr'), one);
      const m = mergeStatementRows(
        [
          row({
            appName: 'a',
            executionCount: 10,
            totalTime: 1,
            cpuNanos: 100,
            p99Latency: 0.5,
            retries: 1,
            lastExecAt: '2026-03-01T10:00:00Z',
            indexRecommendations: ['x'],
          }),
          row({
            appName: 'b',
            executionCount: 30,
            totalTime: 9,
            cpuNanos: 200,
            fullScan: true,
            retries: 3,
            lastExecAt: '2026-03-01T11:00:00Z',
            indexRecommendations: ['x', 'y'],
          }),
        ],
        '',
      )!;
      assert.equal(m.appName, '');
      assert.equal(m.executionCount, 40);
      assert.equal(m.totalTime, 10);
      assert.equal(m.meanLatency, 0.25);
      assert.equal(m.cpuNanos, 175);
      assert.equal(m.p99Latency, 0.5);
      assert.equal(m.retries, 3);
      assert.equal(m.fullScan, true);
      assert.equal(m.lastExecAt, '2026-03-01T11:00:00Z');
      assert.deepEqual(m.indexRecommendations, ['x', 'y']);
    });

    it('distinct keeps the first of each, trimmed, without blanks', () => {
      assert.deepEqual(distinct(['b', ' a ', '', 'b', 'a', '  ']), ['b', 'a']);
    });
  });
});

// `POST /ts/query` on the wire (pkg/ts/tspb/timeseries.proto through grpc-gateway): int64
// nanoseconds as decimal strings and enums as integers going out; the answer is read
// tolerantly (a timestamp as a string or a number, enums as names or integers, a series
// with no datapoints as empty) because the gateway's marshaller options differ between
// versions and proxies. Pure functions: the route itself is in ./client.
import * as l10n from '@vscode/l10n';
import { ApiError } from '../http/errors';
import type { TsAggregator, TsDerivative, TsQuery, TsRequest, TsSeries } from './types';

export const TS_QUERY_ROUTE = '/ts/query';

/** The stored resolution: the server answers only sample periods that are a multiple of it. */
export const TS_RESOLUTION_MS = 10_000;

const AGGREGATORS: Record<TsAggregator, number> = { AVG: 1, SUM: 2, MAX: 3, MIN: 4 };
const DERIVATIVES: Record<TsDerivative, number> = { NONE: 0, DERIVATIVE: 1, NON_NEGATIVE_DERIVATIVE: 2 };
const NAME = /^cr\.(node|store)\.\S+$/;

/** What goes to the server, field for field (`tspb.TimeSeriesQueryRequest`). */
interface WireQuery {
  name: string;
  downsampler: number;
  source_aggregator: number;
  derivative: number;
  sources?: string[];
}

function badRequest(message: string): ApiError {
  return new ApiError('badRequest', message, { route: TS_QUERY_ROUTE });
}

function nanos(ms: number): string {
  // BigInt: Unix nanoseconds (~1.7e18) are past 2^53, and the server wants them exact.
  return (BigInt(Math.round(ms)) * 1_000_000n).toString();
}

/** The sample period in ms: at least 10 s, rounded up to a multiple of 10 s. */
export function samplePeriodMs(sampleMs: number | undefined): number {
  if (sampleMs === undefined) return TS_RESOLUTION_MS;
  if (!Number.isFinite(sampleMs) || sampleMs <= 0)
    throw badRequest(l10n.t('The sample period must be a positive number of milliseconds (got {0}).', sampleMs));
  return Math.max(1, Math.ceil(sampleMs / TS_RESOLUTION_MS)) * TS_RESOLUTION_MS;
}

function wireQuery(q: TsQuery): WireQuery {
  if (typeof q.name !== 'string' || !NAME.test(q.name))
    throw badRequest(l10n.t('Time series names start with cr.node. or cr.store. (got "{0}").', String(q.name)));
  const downsampler = AGGREGATORS[q.downsampler ?? 'AVG'];
  const sourceAggregator = AGGREGATORS[q.sourceAggregator ?? 'SUM'];
  const derivative = DERIVATIVES[q.derivative ?? 'NONE'];
  // Callers from plain JS (webview messages) are not held to the union types.
  if (downsampler === undefined || sourceAggregator === undefined || derivative === undefined)
    throw badRequest(l10n.t('Unknown downsampler, source aggregator or derivative in the query for {0}.', q.name));
  const wire: WireQuery = { name: q.name, downsampler, source_aggregator: sourceAggregator, derivative };
  if (q.sources && q.sources.length > 0) wire.sources = q.sources.map(String);
  return wire;
}

/** The JSON body of `POST /ts/query` for `req`; throws `badRequest` for a request the server would refuse. */
export function buildTsQueryBody(req: TsRequest): string {
  const { startMs, endMs } = req;
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || startMs < 0 || endMs <= startMs)
    throw badRequest(l10n.t('A time series window needs 0 ≤ start < end (got {0} – {1}).', startMs, endMs));
  return JSON.stringify({
    start_nanos: nanos(startMs),
    end_nanos: nanos(endMs),
    sample_nanos: nanos(samplePeriodMs(req.sampleMs)),
    queries: req.queries.map(wireQuery),
  });
}

// ---- the answer --------------------------------------------------------------

/** `message` is the whole sentence, "/ts/query answered HTTP {status} with …". */
function malformed(status: number, message: string, excerpt?: string): ApiError {
  return new ApiError('malformed', message, {
    status,
    route: TS_QUERY_ROUTE,
    ...(excerpt !== undefined ? { serverMessage: excerpt } : {}),
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function enumName<T extends string>(codes: Record<T, number>, raw: unknown): T | undefined {
  const names = Object.keys(codes) as T[];
  if (typeof raw === 'string' && (names as string[]).includes(raw.toUpperCase())) return raw.toUpperCase() as T;
  const code = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return names.find((n) => codes[n] === code);
}

/** The query as the server ran it: the asked one, with the defaults and the echo's enums filled in. */
function answeredQuery(asked: TsQuery, echo: unknown): TsQuery {
  const e = isObject(echo) ? echo : {};
  const q: TsQuery = {
    name: asked.name,
    downsampler: enumName(AGGREGATORS, e.downsampler) ?? asked.downsampler ?? 'AVG',
    sourceAggregator:
      enumName(AGGREGATORS, e.source_aggregator ?? e.sourceAggregator) ?? asked.sourceAggregator ?? 'SUM',
    derivative: enumName(DERIVATIVES, e.derivative) ?? asked.derivative ?? 'NONE',
  };
  if (asked.sources) q.sources = [...asked.sources];
  return q;
}

/** Unix ms from int64 nanoseconds as a string, a number or (lossless JSON) a bigint; NaN if none. */
function timestampMs(raw: unknown): number {
  const ns =
    typeof raw === 'string' && raw !== ''
      ? Number(raw)
      : typeof raw === 'number' || typeof raw === 'bigint'
        ? Number(raw)
        : NaN;
  // Whole ms: the stored series are 10 s aligned, and a double cannot hold the nanoseconds exactly.
  return Math.round(ns / 1e6);
}

/** A double, or undefined if unreadable. proto3 JSON writes NaN and ±Infinity as strings and may omit a zero. */
function sampleValue(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (raw === undefined) return 0;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (/^nan$/i.test(text)) return NaN;
  const n = text === '' ? NaN : Number(text);
  return Number.isNaN(n) ? undefined : n;
}

function readSeries(asked: TsQuery, result: unknown, status: number): TsSeries {
  if (!isObject(result))
    throw malformed(
      status,
      l10n.t('{0} answered HTTP {1} with a result for {2} that is not an object', TS_QUERY_ROUTE, status, asked.name),
    );
  const echoedName = isObject(result.query) ? result.query.name : undefined;
  if (typeof echoedName === 'string' && echoedName !== asked.name)
    throw malformed(
      status,
      l10n.t(
        '{0} answered HTTP {1} with the series {2} where {3} was asked',
        TS_QUERY_ROUTE,
        status,
        echoedName,
        asked.name,
      ),
    );
  const points = result.datapoints ?? [];
  if (!Array.isArray(points))
    throw malformed(
      status,
      l10n.t('{0} answered HTTP {1} with datapoints for {2} that are not a list', TS_QUERY_ROUTE, status, asked.name),
    );
  const timestamps = new Array<number>(points.length);
  const values = new Array<number>(points.length);
  let sorted = true;
  for (let i = 0; i < points.length; i++) {
    const p: unknown = points[i];
    const t = isObject(p) ? timestampMs(p.timestamp_nanos ?? p.timestampNanos) : NaN;
    const v = isObject(p) ? sampleValue(p.value) : undefined;
    if (!Number.isFinite(t) || v === undefined)
      throw malformed(
        status,
        l10n.t(
          '{0} answered HTTP {1} with an unreadable datapoint #{2} for {3}',
          TS_QUERY_ROUTE,
          status,
          i + 1,
          asked.name,
        ),
        JSON.stringify(p)?.slice(0, 200),
      );
    timestamps[i] = t;
    values[i] = v;
    if (i > 0 && t < timestamps[i - 1]!) sorted = false;
  }
  const query = answeredQuery(asked, result.query);
  if (sorted) return { query, timestamps, values };
  const order = timestamps.map((_, i) => i).sort((a, b) => timestamps[a]! - timestamps[b]!);
  return { query, timestamps: order.map((i) => timestamps[i]!), values: order.map((i) => values[i]!) };
}

/**
 * The series of a `/ts/query` answer, one per asked query, matched by position (the server
 * answers in the order asked). Anything that is not that shape is `malformed`.
 */
export function parseTsResponse(text: string, status: number, queries: readonly TsQuery[]): TsSeries[] {
  let body: unknown;
  try {
    // Plain JSON.parse, not the lossless reader: timestamps are wanted in whole ms and values
    // are doubles, so nothing here needs an exact 64-bit integer, and this is the big answer.
    body = JSON.parse(text);
  } catch {
    const excerpt = text.trim().slice(0, 200).replace(/\s+/g, ' ');
    throw malformed(
      status,
      excerpt
        ? l10n.t('{0} answered HTTP {1} with a body that is not JSON: {2}', TS_QUERY_ROUTE, status, excerpt)
        : l10n.t('{0} answered HTTP {1} with a body that is not JSON (empty)', TS_QUERY_ROUTE, status),
      excerpt,
    );
  }
  if (!isObject(body))
    throw malformed(
      status,
      l10n.t('{0} answered HTTP {1} with a body that is not a JSON object', TS_QUERY_ROUTE, status),
    );
  const results = body.results ?? (queries.length === 0 ? [] : undefined);
  if (!Array.isArray(results))
    throw malformed(status, l10n.t('{0} answered HTTP {1} with no results list', TS_QUERY_ROUTE, status));
  if (results.length !== queries.length)
    throw malformed(
      status,
      l10n.t(
        '{0} answered HTTP {1} with {2} series for {3} queries',
        TS_QUERY_ROUTE,
        status,
        results.length,
        queries.length,
      ),
    );
  return queries.map((q, i) => readSeries(q, results[i], status));
}

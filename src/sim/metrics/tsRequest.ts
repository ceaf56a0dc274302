// Decoding a `POST /ts/query` body (tspb.TimeSeriesQueryRequest) the way grpc-gateway's
// jsonpb does: snake_case or camelCase field names, int64 as a JSON string or number, enums
// as integers or names. What it refuses is a gateway error, rendered by sendGatewayError.

import type { ServerResponse } from 'node:http';
import { sendJson } from '../http';

/** tspb.TimeSeriesQueryAggregator. */
export const AGGREGATOR = { AVG: 1, SUM: 2, MAX: 3, MIN: 4, FIRST: 5, LAST: 6, VARIANCE: 7 } as const;
/** tspb.TimeSeriesQueryDerivative. */
export const DERIVATIVE = { NONE: 0, DERIVATIVE: 1, NON_NEGATIVE_DERIVATIVE: 2 } as const;

/** A gRPC status the gateway turns into HTTP: InvalidArgument (3) → 400, Unknown (2) → 500. */
export class GatewayError extends Error {
  constructor(
    readonly code: 2 | 3,
    message: string,
  ) {
    super(message);
  }
}

/** grpc-gateway v1's errorBody. */
export function sendGatewayError(res: ServerResponse, e: GatewayError): void {
  sendJson(res, e.code === 3 ? 400 : 500, { error: e.message, code: e.code, message: e.message, details: [] });
}

export interface TsQuerySpec {
  name: string;
  downsampler: number;
  sourceAggregator: number;
  derivative: number;
  sources: string[];
}

export interface TsRequestSpec {
  startNanos: bigint;
  endNanos: bigint;
  /** 0 when absent: the server then uses 10 s. */
  sampleNanos: bigint;
  queries: TsQuerySpec[];
}

const bad = (message: string): GatewayError => new GatewayError(3, message);

function field(obj: Record<string, unknown>, snake: string): unknown {
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return obj[snake] ?? obj[camel];
}

function int64(v: unknown, name: string): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?[0-9]{1,19}$/.test(v.trim())) return BigInt(v.trim());
  throw bad(`bad input: ${name} is not a valid int64: ${JSON.stringify(v)}`);
}

function enumValue(v: unknown, values: Record<string, number>, type: string, def: number): number {
  if (v === undefined || v === null) return def;
  if (typeof v === 'number' && Object.values(values).includes(v)) return v;
  if (typeof v === 'string' && v in values) return values[v] as number;
  throw bad(`unknown value ${JSON.stringify(v)} for enum cockroach.ts.tspb.${type}`);
}

function querySpec(raw: unknown): TsQuerySpec {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw bad('bad input: a query is not an object');
  const q = raw as Record<string, unknown>;
  const name = field(q, 'name') ?? '';
  if (typeof name !== 'string') throw bad('bad input: name is not a string');
  const sources = field(q, 'sources') ?? [];
  if (!Array.isArray(sources) || sources.some((s) => typeof s !== 'string')) {
    throw bad('bad input: sources must be a list of strings');
  }
  return {
    name,
    downsampler: enumValue(field(q, 'downsampler'), AGGREGATOR, 'TimeSeriesQueryAggregator', AGGREGATOR.AVG),
    sourceAggregator: enumValue(field(q, 'source_aggregator'), AGGREGATOR, 'TimeSeriesQueryAggregator', AGGREGATOR.SUM),
    derivative: enumValue(field(q, 'derivative'), DERIVATIVE, 'TimeSeriesQueryDerivative', DERIVATIVE.NONE),
    sources: sources as string[],
  };
}

export function parseTsRequest(body: string): TsRequestSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    throw bad(e instanceof Error ? e.message : 'invalid JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw bad('bad input: the body is not an object');
  const r = raw as Record<string, unknown>;
  const queries = field(r, 'queries') ?? [];
  if (!Array.isArray(queries)) throw bad('bad input: queries is not a list');
  const spec: TsRequestSpec = {
    startNanos: int64(field(r, 'start_nanos'), 'start_nanos'),
    endNanos: int64(field(r, 'end_nanos'), 'end_nanos'),
    sampleNanos: int64(field(r, 'sample_nanos'), 'sample_nanos'),
    queries: queries.map(querySpec),
  };
  // ts.Server.Query checks this first, as InvalidArgument.
  if (spec.queries.length === 0) throw bad('Queries cannot be empty');
  return spec;
}

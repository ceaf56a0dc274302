// `POST /ts/query` answered from the on-the-fly series (../data/series.ts), following
// pkg/ts: the timespan is normalized to the sample period and must not reach into the sample
// period containing now (timespan.go); each source's 10 s samples fold into one value per
// period (downsampler), a derivative is taken per source and per second from the previous
// period, and the sources fold into one series (source aggregator).

import { SYSTEM_TENANT } from '../auth';
import { isTenantMetric, parseSeriesName } from '../data/metricsCatalog';
import { RETENTION_NANOS, SAMPLE_NANOS, sampleValue } from '../data/series';
import type { Topology } from '../data/topology';
import { nodeIds } from '../data/topology';
import type { TsQuerySpec, TsRequestSpec } from './tsRequest';
import { AGGREGATOR, DERIVATIVE, GatewayError } from './tsRequest';

/** Samples read per source and period at most: long periods are averaged from a spread of them. */
const MAX_RAW_PER_PERIOD = 12;
/** Periods × sources per query past which the real server runs out of its memory budget. */
const MAX_POINTS = 2_000_000;

export interface TsDatapoint {
  timestamp_nanos: string;
  value: number;
}

export interface TsResult {
  query: Record<string, unknown>;
  datapoints: TsDatapoint[];
}

interface Span {
  start: bigint;
  end: bigint;
  sample: bigint;
  now: bigint;
}

const unknown = (message: string): GatewayError => new GatewayError(2, message);
const iso = (ns: bigint): string => new Date(Number(ns / 1_000_000n)).toISOString();

function timespan(spec: TsRequestSpec, now: bigint): Span {
  const sample = spec.sampleNanos === 0n ? SAMPLE_NANOS : spec.sampleNanos;
  if (sample < SAMPLE_NANOS) {
    throw unknown(`sampleDuration ${sample} was not less that queryResolution.SampleDuration ${SAMPLE_NANOS}`);
  }
  const start = spec.startNanos - (spec.startNanos % sample);
  let end = spec.endNanos - (spec.endNanos % sample);
  if (start > end) throw unknown(`startNanos ${start} was later than endNanos ${end}`);
  if (sample % SAMPLE_NANOS !== 0n) {
    throw unknown(`sampleDuration ${sample} is not a multiple of queryResolution.SampleDuration ${SAMPLE_NANOS}`);
  }
  // The period holding now is still being written: it and anything later are refused.
  const cutoff = now - sample;
  if (start > cutoff) {
    throw unknown(
      `cannot query time series in the future (start time ${iso(start)} was greater than cutoff for current sample period ${iso(cutoff)}); current time: ${iso(now)}; sample duration: ${sample / 1_000_000_000n}s`,
    );
  }
  if (end > cutoff) end = cutoff;
  // Nothing older than the retention exists: start the walk there (same grid, fewer periods).
  const oldest = now - RETENTION_NANOS;
  const first = oldest - (oldest % sample);
  return { start: start > first ? start : first, end, sample, now };
}

function aggregate(values: number[], how: number): number {
  switch (how) {
    case AGGREGATOR.SUM:
      return values.reduce((a, b) => a + b, 0);
    case AGGREGATOR.MAX:
      return Math.max(...values);
    case AGGREGATOR.MIN:
      return Math.min(...values);
    default:
      return values.reduce((a, b) => a + b, 0) / values.length;
  }
}

function verifyAggregators(q: TsQuerySpec): void {
  const supported = [AGGREGATOR.AVG, AGGREGATOR.SUM, AGGREGATOR.MAX, AGGREGATOR.MIN] as number[];
  const name = (v: number): string => Object.keys(AGGREGATOR).find((k) => AGGREGATOR[k as 'AVG'] === v) ?? String(v);
  if (!supported.includes(q.sourceAggregator)) throw unknown(`aggregator ${name(q.sourceAggregator)} is not supported`);
  if (!supported.includes(q.downsampler)) throw unknown(`downsampler ${name(q.downsampler)} is not supported`);
}

/** One source's value per period, index 0 being the period before `start` (for derivatives). */
function sourcePeriods(
  topo: Topology,
  q: TsQuerySpec,
  nodeId: number,
  span: Span,
  count: number,
): (number | undefined)[] {
  const series = parseSeriesName(q.name);
  if (!series) return [];
  const rawPerPeriod = Number(span.sample / SAMPLE_NANOS);
  const stride = Math.ceil(rawPerPeriod / MAX_RAW_PER_PERIOD);
  const oldest = span.now - RETENTION_NANOS;
  const out: (number | undefined)[] = [];
  for (let i = -1; i < count; i++) {
    const periodStart = span.start + BigInt(i) * span.sample;
    const raw: number[] = [];
    for (let j = 0; j < rawPerPeriod; j += stride) {
      const at = periodStart + BigInt(j) * SAMPLE_NANOS;
      if (at > span.now || at < oldest) continue;
      const v = sampleValue(topo, series.def, nodeId, at, series.quantile);
      if (v !== undefined) raw.push(v);
    }
    out.push(raw.length > 0 ? aggregate(raw, q.downsampler) : undefined);
  }
  return out;
}

/** Per second, from the previous value the source has; drops the leading extra period. */
function derive(values: (number | undefined)[], sample: bigint, how: number): (number | undefined)[] {
  if (how === DERIVATIVE.NONE) return values.slice(1);
  const periodSeconds = Number(sample) / 1e9;
  const out: (number | undefined)[] = [];
  let prev: { i: number; v: number } | undefined;
  values.forEach((v, i) => {
    if (i > 0) {
      if (v === undefined || !prev) out.push(undefined);
      else {
        const d = (v - prev.v) / ((i - prev.i) * periodSeconds);
        out.push(how === DERIVATIVE.NON_NEGATIVE_DERIVATIVE ? Math.max(0, d) : d);
      }
    }
    if (v !== undefined) prev = { i, v };
  });
  return out;
}

function echo(q: TsQuerySpec, sources: string[]): Record<string, unknown> {
  return {
    name: q.name,
    downsampler: q.downsampler,
    source_aggregator: q.sourceAggregator,
    derivative: q.derivative,
    sources,
  };
}

function sourceIds(topo: Topology, q: TsQuerySpec): number[] {
  if (q.sources.length === 0) return nodeIds(topo);
  const ids = q.sources.filter((s) => /^[0-9]+$/.test(s)).map(Number);
  return [...new Set(ids)].filter((id) => id >= 1 && id <= topo.nodeCount).sort((a, b) => a - b);
}

function runOne(topo: Topology, q: TsQuerySpec, span: Span, count: number, tenant: string): TsResult {
  verifyAggregators(q);
  const series = parseSeriesName(q.name);
  // An application virtual cluster records only its own SQL layer; an unknown name has no data.
  if (!series || (tenant !== SYSTEM_TENANT && !isTenantMetric(series.def.name))) {
    return { query: echo(q, []), datapoints: [] };
  }
  const ids = sourceIds(topo, q);
  if (ids.length * count > MAX_POINTS) throw unknown('insufficient memory budget to attempt query');
  const bySource = ids.map((id) => derive(sourcePeriods(topo, q, id, span, count), span.sample, q.derivative));
  const found = ids.filter((_, k) => bySource[k]?.some((v) => v !== undefined));
  const datapoints: TsDatapoint[] = [];
  for (let i = 0; i < count; i++) {
    const values = bySource.map((s) => s[i]).filter((v): v is number => v !== undefined);
    if (values.length === 0) continue;
    const ts = span.start + BigInt(i) * span.sample;
    datapoints.push({ timestamp_nanos: ts.toString(), value: aggregate(values, q.sourceAggregator) });
  }
  return { query: echo(q, found.map(String)), datapoints };
}

/** The answer to a decoded request; throws a GatewayError where the real server fails it. */
export function runTsQuery(topo: Topology, spec: TsRequestSpec, tenant: string, now: bigint): { results: TsResult[] } {
  const span = timespan(spec, now);
  const count = span.start > span.end ? 0 : Number((span.end - span.start) / span.sample) + 1;
  return { results: spec.queries.map((q) => runOne(topo, q, span, count, tenant)) };
}

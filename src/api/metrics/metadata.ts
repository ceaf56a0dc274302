// `GET /_admin/v1/metricmetadata`: the catalogue of every metric the node records, keyed by
// name without the `cr.node.` / `cr.store.` prefix. Enums arrive as integers (the gateway's
// EnumsAsInts) or as names, depending on the version; both are read.
import * as l10n from '@vscode/l10n';
import { ApiError } from '../http/errors';
import type { MetricMetadata } from './types';

export const METRIC_METADATA_ROUTE = '/_admin/v1/metricmetadata';

/** `util/metric.Unit`, by value. */
const UNITS = [
  'UNSET',
  'BYTES',
  'CONST',
  'COUNT',
  'NANOSECONDS',
  'PERCENT',
  'SECONDS',
  'TIMESTAMP_NS',
  'TIMESTAMP_SEC',
] as const;

/** `io.prometheus.client.MetricType`, by value. */
const METRIC_TYPES = ['COUNTER', 'GAUGE', 'SUMMARY', 'UNTYPED', 'HISTOGRAM', 'GAUGE_HISTOGRAM'] as const;

function enumName(names: readonly string[], raw: unknown): string | undefined {
  if (typeof raw === 'number') return names[raw];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const text = raw.trim();
  return /^\d+$/.test(text) ? names[Number(text)] : text.toUpperCase();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The catalogue from a parsed answer. An answer without a `metadata` object is `malformed`;
 * an entry that is not an object is skipped, so one odd metric does not hide the rest.
 */
export function parseMetricMetadata(body: Record<string, unknown>, status = 200): Record<string, MetricMetadata> {
  const metadata = body.metadata;
  if (!isObject(metadata))
    throw new ApiError(
      'malformed',
      l10n.t('{0} answered HTTP {1} without a metadata object', METRIC_METADATA_ROUTE, status),
      {
        status,
        route: METRIC_METADATA_ROUTE,
      },
    );
  const out: Record<string, MetricMetadata> = {};
  for (const [key, raw] of Object.entries(metadata)) {
    // A key the server cannot mean, and one that would reach the object's prototype.
    if (!isObject(raw) || key === '' || key === '__proto__') continue;
    const entry: MetricMetadata = {
      name: text(raw.name) || key,
      help: text(raw.help),
      measurement: text(raw.measurement),
      unit: enumName(UNITS, raw.unit) ?? 'UNSET',
    };
    const metricType = enumName(METRIC_TYPES, raw.metricType ?? raw.metric_type);
    if (metricType) entry.metricType = metricType;
    out[key] = entry;
  }
  return out;
}

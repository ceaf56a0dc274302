// `/_status/vars`: one node's current metric values as Prometheus text, read with the
// maintained parser parse-prometheus-text-format, flattened to one sample per line with its
// labels, plus lookups by CockroachDB metric name (`sql.conns`, `cr.store.capacity`).
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import * as l10n from '@vscode/l10n';
import { ApiError } from '../http/errors';
import type { StatusVars, VarsSample } from './types';

export const STATUS_VARS_ROUTE = '/_status/vars';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

// Histogram and summary families are handed to the parser as untyped. Typed, it folds their
// `_bucket` / `_sum` / `_count` lines into one record per family, which merges the buckets of
// every labelled series (CockroachDB's per-store histograms) into one and drops their sums and
// counts. Untyped, every line stays a sample with its own labels, `le` or `quantile` included:
// the flat shape Prometheus itself stores.
const GROUPED_TYPE = /^#[ \t]+TYPE[ \t]+(\S+)[ \t]+(?:histogram|summary)[ \t\r]*$/gim;

/** `message` is the whole sentence, "{route} answered HTTP {status} with …". */
function malformed(route: string, status: number, message: string): ApiError {
  return new ApiError('malformed', message, { status, route });
}

/** A Prometheus text value: a float, `NaN`, `+Inf` or `-Inf`; undefined if none of those. */
function promValue(raw: string | undefined): number | undefined {
  const text = raw?.trim() ?? '';
  if (/^[+]?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const n = text === '' ? NaN : Number(text);
  return Number.isNaN(n) ? undefined : n;
}

/** Parses `/_status/vars` text; anything that is not Prometheus text (an HTML page, JSON) is `malformed`. */
export function parseStatusVars(text: string, status: number, route = STATUS_VARS_ROUTE): StatusVars {
  let families;
  try {
    // The trailing newline matters: the parser drops a last sample line that has none.
    families = parsePrometheusTextFormat(`${text.replace(GROUPED_TYPE, '# TYPE $1 untyped')}\n`);
  } catch (err) {
    const why = err instanceof Error ? err.message.slice(0, 200) : String(err);
    throw malformed(
      route,
      status,
      l10n.t('{0} answered HTTP {1} with text that is not Prometheus metrics ({2})', route, status, why),
    );
  }
  const samples: VarsSample[] = [];
  for (const family of families) {
    if (!METRIC_NAME.test(family.name))
      throw malformed(
        route,
        status,
        l10n.t(
          '{0} answered HTTP {1} with text that is not Prometheus metrics (line "{2}")',
          route,
          status,
          family.name.slice(0, 80),
        ),
      );
    for (const m of family.metrics) {
      const value = promValue(m.value);
      if (value === undefined) {
        const line = `${family.name} ${m.value ?? ''}`.slice(0, 80);
        throw malformed(
          route,
          status,
          l10n.t('{0} answered HTTP {1} with text that is not Prometheus metrics (line "{2}")', route, status, line),
        );
      }
      samples.push({ name: family.name, labels: m.labels ?? {}, value });
    }
  }
  if (samples.length === 0)
    throw malformed(route, status, l10n.t('{0} answered HTTP {1} with no metrics', route, status));
  const vars: StatusVars = { samples };
  // CockroachDB exports its own id as the value of the `node_id` gauge (and, on recent
  // versions, as a `node_id` label on every sample), its version as a label.
  const nodeId = samples.find((s) => s.name === 'node_id')?.value ?? labelledNodeId(samples);
  if (nodeId !== undefined && Number.isSafeInteger(nodeId) && nodeId > 0) vars.nodeId = nodeId;
  const tag = samples.find((s) => s.name === 'build_timestamp' && s.labels.tag)?.labels.tag;
  if (tag) vars.version = tag;
  return vars;
}

function labelledNodeId(samples: VarsSample[]): number | undefined {
  const label = samples.find((s) => s.labels.node_id !== undefined)?.labels.node_id;
  return label !== undefined && /^\d+$/.test(label) ? Number(label) : undefined;
}

/**
 * The Prometheus name of a CockroachDB metric, as the node's exporter writes it: the
 * `cr.node.` / `cr.store.` series prefix dropped, every other character than [a-zA-Z0-9_:] as `_`.
 */
export function promName(name: string): string {
  return name.replace(/^cr\.(node|store)\./, '').replace(/[^a-zA-Z0-9_:]/g, '_');
}

// Samples by name, built once per answer: a panel looks up dozens of names in thousands of samples.
const byNameCache = new WeakMap<VarsSample[], Map<string, VarsSample[]>>();

function samplesNamed(vars: StatusVars, name: string): VarsSample[] {
  let index = byNameCache.get(vars.samples);
  if (!index) {
    index = new Map();
    for (const s of vars.samples) {
      const list = index.get(s.name);
      if (list) list.push(s);
      else index.set(s.name, [s]);
    }
    byNameCache.set(vars.samples, index);
  }
  return index.get(promName(name)) ?? [];
}

function hasLabels(s: VarsSample, labels: Record<string, string> | undefined): boolean {
  if (!labels) return true;
  for (const [k, v] of Object.entries(labels)) if (s.labels[k] !== v) return false;
  return true;
}

/** The first sample of `name` (CockroachDB or Prometheus spelling) that has every label in `labels`. */
export function sampleValue(vars: StatusVars, name: string, labels?: Record<string, string>): number | undefined {
  return samplesNamed(vars, name).find((s) => hasLabels(s, labels))?.value;
}

/** The sum of a store metric over the node's stores (its samples with a `store` label); undefined if none. */
export function sumOverStores(vars: StatusVars, name: string, labels?: Record<string, string>): number | undefined {
  let sum: number | undefined;
  for (const s of samplesNamed(vars, name)) {
    if (s.labels.store !== undefined && hasLabels(s, labels)) sum = (sum ?? 0) + s.value;
  }
  return sum;
}

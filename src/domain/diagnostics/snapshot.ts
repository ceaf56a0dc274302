// A diagnostics snapshot: the cluster at one moment as Markdown (to read, paste
// into a ticket) and JSON (to diff, to script), written locally; nothing is
// sent anywhere. Cluster data is untrusted (statement text, job errors, event
// info may hold anything), so every string is redacted (redact.ts) before either
// format is written, and Markdown escapes what it prints (markdown.ts).
import * as l10n from '@vscode/l10n';
import { localityText } from '../locality';
import { LIVENESS_LABEL } from '../liveness';
import { nanosToIso } from '../time';
import { renderMarkdown } from './markdown';
import { redactor, secretMasker, type Redactor } from './redact';
import { hotTables, lastHour, recentEvents, splitJobs, topHotRanges, topInsights, topStatements } from './sections';
import type { SnapshotInput, SnapshotJson, SnapshotNode, SnapshotOptions } from './types';

export type { SectionId, SnapshotInput, SnapshotJson, SnapshotOptions } from './types';
export { REDACTED } from './redact';
export { missingReason } from './sections';

export const NOTE = l10n.t('Generated locally by CockroachDB Explorer. Nothing is sent anywhere.');

const optional = <K extends string, V>(k: K, v: V | undefined) =>
  (v === undefined || v === null ? {} : { [k]: v }) as Partial<Record<K, V>>;

/** Every string of a JSON-ready value through `f`, keys too. */
function deepStrings<T>(v: T, f: (s: string) => string): T {
  if (typeof v === 'string') return f(v) as T;
  if (Array.isArray(v)) return v.map((x) => deepStrings(x, f)) as T;
  if (v && typeof v === 'object' && !(v instanceof Date))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), deepStrings(x, f)])) as T;
  return v;
}

const num = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);

function nodesOf(input: SnapshotInput, r: Redactor): SnapshotNode[] | null {
  if (!Array.isArray(input.nodes)) return null;
  return input.nodes
    .filter((n) => n && typeof n === 'object')
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((n) => ({
      nodeId: n.nodeId,
      address: r.text(n.address ?? ''),
      sqlAddress: r.text(n.sqlAddress ?? ''),
      locality: r.text(localityText(Array.isArray(n.locality) ? n.locality : [])),
      version: r.text(n.version ?? ''),
      liveness: LIVENESS_LABEL[n.liveness] ?? r.text(String(n.liveness)),
      startedAt: typeof n.startedAt === 'bigint' ? nanosToIso(n.startedAt.toString()) : '',
      updatedAt: typeof n.updatedAt === 'bigint' ? nanosToIso(n.updatedAt.toString()) : '',
    }));
}

function overviewOf(input: SnapshotInput, r: Redactor): SnapshotJson['overview'] {
  const o = input.overview;
  if (!o || !Array.isArray(o.cards)) return null;
  return {
    cards: o.cards.map((c) => ({
      label: r.text(c.label),
      value: r.text(c.value),
      ...optional('detail', c.detail === undefined ? undefined : r.text(c.detail)),
      state: c.state,
      ...optional('unavailable', c.unavailable === undefined ? undefined : r.text(c.unavailable)),
      source: r.text(l10n.t('{0} from {1} at {2}', c.source.route, c.source.from, c.source.at)),
    })),
    nodes: deepStrings(Array.isArray(o.nodes) ? o.nodes : [], r.text),
  };
}

function jsonOf(input: SnapshotInput, opts: SnapshotOptions, r: Redactor): SnapshotJson {
  const takenAt = input.takenAt instanceof Date && !Number.isNaN(input.takenAt.getTime()) ? input.takenAt : new Date(0);
  const hot = Array.isArray(input.hotRanges) ? input.hotRanges : undefined;
  const jobs = Array.isArray(input.jobs) ? splitJobs(input.jobs) : undefined;
  const job = (j: NonNullable<SnapshotInput['jobs']>[number]) => ({
    id: r.text(String(j.id)),
    type: r.text(j.type),
    status: r.text(j.status),
    // Job descriptions are their statements (BACKUP INTO 's3://…', IMPORT … CSV DATA (…)); errors quote data.
    description: r.sql(j.description ?? ''),
    ...optional('error', j.error ? r.sql(j.error) : undefined),
    ...optional('fractionCompleted', num(j.fractionCompleted)),
  });
  return {
    format: 'cockroachdb-explorer.diagnostics',
    version: 1,
    note: NOTE,
    cluster: r.text(input.clusterName ?? ''),
    takenAt: takenAt.toISOString(),
    source: deepStrings(input.source, r.text),
    // l10n-ignore: a value of the JSON format (SnapshotJson), read by scripts and by markdown.ts
    redaction: { sqlLiterals: opts.includeSqlLiterals ? 'kept' : 'replaced with _', secrets: 'masked' },
    rules: (Array.isArray(input.rules) ? input.rules : []).map((x) => ({
      id: x.id,
      title: r.text(x.title),
      state: x.state,
      summary: r.text(x.summary),
      value: r.text(x.value),
      details: (x.details ?? []).map(r.text),
    })),
    overview: overviewOf(input, r),
    nodes: nodesOf(input, r),
    hotRanges: hot
      ? topHotRanges(hot).map((h) => ({
          rangeId: h.rangeId,
          nodeId: h.nodeId,
          qps: num(h.qps) ?? 0,
          ...optional('database', h.database ? r.text(h.database) : undefined),
          ...optional('table', h.table ? r.text(h.table) : undefined),
          ...optional('index', h.index ? r.text(h.index) : undefined),
        }))
      : null,
    hotTables: hot ? deepStrings(hotTables(hot), r.text) : null,
    statements: Array.isArray(input.statements)
      ? topStatements(input.statements).map((s) => ({
          query: r.sql(s.query ?? ''),
          appName: r.text(s.appName ?? ''),
          executionCount: num(s.executionCount) ?? 0,
          ...optional('meanLatencySeconds', num(s.meanLatencySeconds)),
          ...optional('p99LatencySeconds', num(s.p99LatencySeconds)),
        }))
      : null,
    insights: Array.isArray(input.insights)
      ? topInsights(input.insights).map((i) => ({
          headline: r.text(i.headline ?? ''),
          ...optional('query', i.query ? r.sql(i.query) : undefined),
          ...optional('at', i.at ? r.text(i.at) : undefined),
          ...optional('cause', i.cause ? r.text(i.cause) : undefined),
        }))
      : null,
    jobs: jobs ? { running: jobs.running.map(job), failed: jobs.failed.map(job) } : null,
    events: Array.isArray(input.events)
      ? recentEvents(input.events).map((e) => ({
          timestamp: r.text(e.timestamp ?? ''),
          eventType: r.text(e.eventType ?? ''),
          ...optional('info', e.info ? r.info(e.info) : undefined),
        }))
      : null,
    series: Array.isArray(input.series)
      ? deepStrings(
          input.series.map((c) => lastHour(c, takenAt.getTime() / 1000)),
          r.text,
        )
      : null,
    unavailable: deepStrings({ ...(input.unavailable ?? {}) }, r.text),
  };
}

export function buildSnapshot(input: SnapshotInput, opts: SnapshotOptions): { markdown: string; json: unknown } {
  const r = redactor(opts);
  // A last pass over everything: secrets (and credential shapes) wherever a section put them.
  const json = deepStrings(jsonOf(input, opts, r), r.text);
  const secrets = secretMasker(opts.secrets ?? []);
  const markdown = secrets(renderMarkdown(json));
  return { markdown, json };
}

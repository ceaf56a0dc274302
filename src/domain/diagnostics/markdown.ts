// The snapshot as Markdown, from its already-redacted JSON. Cluster data is
// hostile text: a statement may hold `|`, newlines, backticks, HTML or link
// syntax, so every value is printed through `cell`, which flattens it to one line
// and escapes what Markdown (and GitHub's flavour: tables, math, strikethrough)
// would act on.
import type { ChartUnit } from '../overview/types';
import { formatMs, nodeRuns } from '../health/text';
import { formatValue, missingReason, summarise } from './sections';
import type { SectionId, SnapshotJson } from './types';

const MAX_CELL = 300;

/** Control and bidi-override characters: invisible, and able to make text read as something else. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** One line of escaped text, cut at `max` characters. */
export function cell(value: unknown, max = MAX_CELL): string {
  const flat = String(value ?? '')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/[\\`*_[\]<>|~&$#!]/g, '\\$&');
}

function table(headers: string[], rows: string[][]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function section(title: string, id: SectionId, json: SnapshotJson, present: boolean, body: () => string[]): string[] {
  const head = [`## ${title}`, ''];
  if (!present) return [...head, `Not included: ${cell(missingReason(json.unavailable, id))}`, ''];
  const lines = body();
  return [...head, ...(lines.length ? lines : ['None.']), ''];
}

const seconds = (s: number | undefined) => (s === undefined ? '' : formatMs(s * 1000));
const pct = (f: number | undefined) => (f === undefined ? '' : `${Math.round(f * 100)}%`);

function valueIn(v: number | undefined, unit: ChartUnit): string {
  return v === undefined ? '' : cell(formatValue(v, unit));
}

export function renderMarkdown(j: SnapshotJson): string {
  const literals =
    j.redaction.sqlLiterals === 'kept'
      ? 'SQL literals are kept (chosen when the snapshot was taken).'
      : 'SQL literals are replaced with `_`.';
  const src = j.source;
  const out: string[] = [
    `# Diagnostics snapshot: ${cell(j.cluster)}`,
    '',
    `Taken ${cell(j.takenAt)} from ${cell(src.from)}${src.version ? ` (${cell(src.version)})` : ''} · ${cell(src.route)}.`,
    '',
    `${j.note} ${literals} Secrets and credentials are masked as ‹redacted›.`,
    '',
  ];
  out.push(
    ...section('Health rules', 'rules', j, true, () =>
      j.rules.length
        ? table(
            ['Rule', 'State', 'Summary', 'Value', 'Details'],
            j.rules.map((r) => [cell(r.title), r.state, cell(r.summary), cell(r.value), cell(r.details.join('; '))]),
          )
        : [],
    ),
    ...section('Overview', 'overview', j, j.overview !== null, () =>
      table(
        ['Figure', 'Value', 'Detail', 'State', 'Source'],
        (j.overview?.cards ?? []).map((c) => [
          cell(c.label),
          cell(c.unavailable ? `unavailable: ${c.unavailable}` : c.value),
          cell(c.detail ?? ''),
          c.state,
          cell(c.source),
        ]),
      ),
    ),
    ...section('Nodes', 'nodes', j, j.nodes !== null, () =>
      (j.nodes ?? []).length
        ? table(
            ['Node', 'Address', 'Locality', 'Version', 'Liveness', 'Started', 'Updated'],
            (j.nodes ?? []).map((n) => [
              `n${n.nodeId}`,
              cell(n.address),
              cell(n.locality),
              cell(n.version),
              cell(n.liveness),
              cell(n.startedAt),
              cell(n.updatedAt),
            ]),
          )
        : [],
    ),
    ...section('Hot ranges (top 20 by QPS)', 'hotRanges', j, j.hotRanges !== null, () =>
      (j.hotRanges ?? []).length
        ? table(
            ['Range', 'Node', 'QPS', 'Database', 'Table', 'Index'],
            (j.hotRanges ?? []).map((h) => [
              `r${h.rangeId}`,
              `n${h.nodeId}`,
              h.qps.toFixed(1),
              cell(h.database ?? ''),
              cell(h.table ?? ''),
              cell(h.index ?? ''),
            ]),
          )
        : [],
    ),
    ...section('Hot tables', 'hotRanges', j, j.hotTables !== null, () =>
      (j.hotTables ?? []).length
        ? table(
            ['Database', 'Table', 'QPS', 'Hot ranges', 'Nodes'],
            (j.hotTables ?? []).map((t) => [
              cell(t.database ?? ''),
              cell(t.table),
              t.qps.toFixed(1),
              String(t.ranges),
              cell(nodeRuns(t.nodeIds)),
            ]),
          )
        : [],
    ),
    ...section('Top statements', 'statements', j, j.statements !== null, () =>
      (j.statements ?? []).length
        ? table(
            ['Statement', 'Application', 'Executions', 'Mean', 'p99'],
            (j.statements ?? []).map((s) => [
              cell(s.query),
              cell(s.appName),
              String(s.executionCount),
              cell(seconds(s.meanLatencySeconds)),
              cell(seconds(s.p99LatencySeconds)),
            ]),
          )
        : [],
    ),
    ...section('Insights', 'insights', j, j.insights !== null, () =>
      (j.insights ?? []).length
        ? table(
            ['When', 'Insight', 'Cause', 'Statement'],
            (j.insights ?? []).map((i) => [
              cell(i.at ?? ''),
              cell(i.headline),
              cell(i.cause ?? ''),
              cell(i.query ?? ''),
            ]),
          )
        : [],
    ),
    ...section('Running jobs', 'jobs', j, j.jobs !== null, () =>
      (j.jobs?.running ?? []).length
        ? table(
            ['Job', 'Type', 'Status', 'Progress', 'Description'],
            (j.jobs?.running ?? []).map((x) => [
              cell(x.id),
              cell(x.type),
              cell(x.status),
              pct(x.fractionCompleted),
              cell(x.description),
            ]),
          )
        : [],
    ),
    ...section('Failed jobs', 'jobs', j, j.jobs !== null, () =>
      (j.jobs?.failed ?? []).length
        ? table(
            ['Job', 'Type', 'Description', 'Error'],
            (j.jobs?.failed ?? []).map((x) => [cell(x.id), cell(x.type), cell(x.description), cell(x.error ?? '')]),
          )
        : [],
    ),
    ...section('Recent events', 'events', j, j.events !== null, () =>
      (j.events ?? []).length
        ? table(
            ['Time', 'Event', 'Info'],
            (j.events ?? []).map((e) => [cell(e.timestamp), cell(e.eventType), cell(e.info ?? '')]),
          )
        : [],
    ),
    ...section('Key series (last hour)', 'series', j, j.series !== null, () => {
      const rows: string[][] = [];
      for (const c of j.series ?? []) {
        if (c.unavailable) {
          rows.push([cell(c.title), '', '', '', '', cell(`unavailable: ${c.unavailable}`)]);
          continue;
        }
        for (const s of c.series) {
          const sum = summarise(s.values);
          rows.push([
            cell(c.title),
            cell(s.label),
            valueIn(sum?.min, c.unit),
            valueIn(sum?.max, c.unit),
            valueIn(sum?.last, c.unit),
            sum ? String(sum.samples) : 'no samples',
          ]);
        }
      }
      return rows.length ? table(['Chart', 'Series', 'Min', 'Max', 'Last', 'Samples'], rows) : [];
    }),
  );
  const missing = Object.entries(j.unavailable);
  if (missing.length) {
    out.push('## What could not be read', '');
    for (const [k, why] of missing) out.push(`- ${cell(k)}: ${cell(why)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

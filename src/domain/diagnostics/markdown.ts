// The snapshot as Markdown, from its already-redacted JSON. Cluster data is
// hostile text: a statement may hold `|`, newlines, backticks, HTML or link
// syntax, so every value is printed through `cell`, which flattens it to one line
// and escapes what Markdown (and GitHub's flavour: tables, math, strikethrough)
// would act on.
import * as l10n from '@vscode/l10n';
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
  if (!present) return [...head, l10n.t('Not included: {0}', cell(missingReason(json.unavailable, id))), ''];
  const lines = body();
  return [...head, ...(lines.length ? lines : [l10n.t('None.')]), ''];
}

const seconds = (s: number | undefined) => (s === undefined ? '' : formatMs(s * 1000));
const pct = (f: number | undefined) => (f === undefined ? '' : `${Math.round(f * 100)}%`);

function valueIn(v: number | undefined, unit: ChartUnit): string {
  return v === undefined ? '' : cell(formatValue(v, unit));
}

export function renderMarkdown(j: SnapshotJson): string {
  const literals =
    j.redaction.sqlLiterals === 'kept'
      ? l10n.t('SQL literals are kept (chosen when the snapshot was taken).')
      : l10n.t('SQL literals are replaced with `_`.');
  const src = j.source;
  const taken = src.version
    ? l10n.t('Taken {0} from {1} ({2}) · {3}.', cell(j.takenAt), cell(src.from), cell(src.version), cell(src.route))
    : l10n.t('Taken {0} from {1} · {2}.', cell(j.takenAt), cell(src.from), cell(src.route));
  const out: string[] = [
    `# ${l10n.t('Diagnostics snapshot: {0}', cell(j.cluster))}`,
    '',
    taken,
    '',
    [j.note, literals, l10n.t('Secrets and credentials are masked as ‹redacted›.')].join(' '),
    '',
  ];
  out.push(
    ...section(l10n.t('Health rules'), 'rules', j, true, () =>
      j.rules.length
        ? table(
            [l10n.t('Rule'), l10n.t('State'), l10n.t('Summary'), l10n.t('Value'), l10n.t('Details')],
            j.rules.map((r) => [cell(r.title), r.state, cell(r.summary), cell(r.value), cell(r.details.join('; '))]),
          )
        : [],
    ),
    ...section(l10n.t('Overview'), 'overview', j, j.overview !== null, () =>
      table(
        [l10n.t('Figure'), l10n.t('Value'), l10n.t('Detail'), l10n.t('State'), l10n.t('Source')],
        (j.overview?.cards ?? []).map((c) => [
          cell(c.label),
          cell(c.unavailable ? l10n.t('unavailable: {0}', c.unavailable) : c.value),
          cell(c.detail ?? ''),
          c.state,
          cell(c.source),
        ]),
      ),
    ),
    ...section(l10n.t('Nodes'), 'nodes', j, j.nodes !== null, () =>
      (j.nodes ?? []).length
        ? table(
            [
              l10n.t('Node'),
              l10n.t('Address'),
              l10n.t('Locality'),
              l10n.t('Version'),
              l10n.t('Liveness'),
              l10n.t('Started'),
              l10n.t('Updated'),
            ],
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
    ...section(l10n.t('Hot ranges (top 20 by QPS)'), 'hotRanges', j, j.hotRanges !== null, () =>
      (j.hotRanges ?? []).length
        ? table(
            [l10n.t('Range'), l10n.t('Node'), l10n.t('QPS'), l10n.t('Database'), l10n.t('Table'), l10n.t('Index')],
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
    ...section(l10n.t('Hot tables'), 'hotRanges', j, j.hotTables !== null, () =>
      (j.hotTables ?? []).length
        ? table(
            [l10n.t('Database'), l10n.t('Table'), l10n.t('QPS'), l10n.t('Hot ranges'), l10n.t('Nodes')],
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
    ...section(l10n.t('Top statements'), 'statements', j, j.statements !== null, () =>
      (j.statements ?? []).length
        ? table(
            [l10n.t('Statement'), l10n.t('Application'), l10n.t('Executions'), l10n.t('Mean'), l10n.t('p99')],
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
    ...section(l10n.t('Insights'), 'insights', j, j.insights !== null, () =>
      (j.insights ?? []).length
        ? table(
            [l10n.t('When'), l10n.t('Insight'), l10n.t('Cause'), l10n.t('Statement')],
            (j.insights ?? []).map((i) => [
              cell(i.at ?? ''),
              cell(i.headline),
              cell(i.cause ?? ''),
              cell(i.query ?? ''),
            ]),
          )
        : [],
    ),
    ...section(l10n.t('Running jobs'), 'jobs', j, j.jobs !== null, () =>
      (j.jobs?.running ?? []).length
        ? table(
            [l10n.t('Job'), l10n.t('Type'), l10n.t('Status'), l10n.t('Progress'), l10n.t('Description')],
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
    ...section(l10n.t('Failed jobs'), 'jobs', j, j.jobs !== null, () =>
      (j.jobs?.failed ?? []).length
        ? table(
            [l10n.t('Job'), l10n.t('Type'), l10n.t('Description'), l10n.t('Error')],
            (j.jobs?.failed ?? []).map((x) => [cell(x.id), cell(x.type), cell(x.description), cell(x.error ?? '')]),
          )
        : [],
    ),
    ...section(l10n.t('Recent events'), 'events', j, j.events !== null, () =>
      (j.events ?? []).length
        ? table(
            [l10n.t('Time'), l10n.t('Event'), l10n.t('Info')],
            (j.events ?? []).map((e) => [cell(e.timestamp), cell(e.eventType), cell(e.info ?? '')]),
          )
        : [],
    ),
    ...section(l10n.t('Key series (last hour)'), 'series', j, j.series !== null, () => {
      const rows: string[][] = [];
      for (const c of j.series ?? []) {
        if (c.unavailable) {
          rows.push([cell(c.title), '', '', '', '', cell(l10n.t('unavailable: {0}', c.unavailable))]);
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
            sum ? String(sum.samples) : l10n.t('no samples'),
          ]);
        }
      }
      const headers = [
        l10n.t('Chart'),
        l10n.t('Series'),
        l10n.t('Min'),
        l10n.t('Max'),
        l10n.t('Last'),
        l10n.t('Samples'),
      ];
      return rows.length ? table(headers, rows) : [];
    }),
  );
  const missing = Object.entries(j.unavailable);
  if (missing.length) {
    out.push(`## ${l10n.t('What could not be read')}`, '');
    for (const [k, why] of missing) out.push(`- ${cell(k)}: ${cell(why)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

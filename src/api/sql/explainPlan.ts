// CockroachDB's EXPLAIN / EXPLAIN (VERBOSE) / EXPLAIN ANALYZE output (one STRING
// column `info`, a row per line) as a tree, plus plain-words hints. The shape, as
// pkg/sql/opt/exec/explain (output.go BuildStringRows, emit.go) and
// pkg/sql/explain_plan.go print it:
//
//   distribution: full                 top-level fields
//   vectorized: true
//                                      blank row
//   • sort                             operators, drawn with util/treeprinter's
//   │ estimated row count: 12,385      BulletStyle: `│`, `├── `, `└── `; a node's
//   │ order: +revenue                  `key: value` fields (or bare flags such as
//   │                                  `missing stats`) follow it, before its children
//   └── • scan
//         table: rides@rides_pkey
//         spans: FULL SCAN
//                                      blank row
//   WARNING: …                         warnings, then index recommendations:
//   index recommendations: 1           `N. type: index creation|replacement|alteration`
//   1. type: index creation            `   SQL command(s): …`
//      SQL command: CREATE INDEX ON rides (revenue) STORING (…);
//
// Tolerant by design: unknown lines are kept (as header entries or attributes),
// other EXPLAIN modes (OPT, VEC, DEBUG) come back as header lines with no tree,
// and nothing here throws. Pure TypeScript: no vscode, no DOM, no Node APIs.

import * as l10n from '@vscode/l10n';
import type { ExplainPlan, PlanNode } from '../../webviews/protocol/sqlResults';

type Attr = { key: string; value: string };

/** `key: value` → {key, value}; a bare flag (`missing stats`, `auto commit`) → {key, value: ''}. */
function keyValue(text: string): Attr {
  const i = text.indexOf(': ');
  if (i > 0) return { key: text.slice(0, i), value: text.slice(i + 2) };
  if (text.endsWith(':')) return { key: text.slice(0, -1), value: '' };
  return { key: text, value: '' };
}

const TREE_CHARS = /^[ │├└─]*/;

/** A node line: tree drawing, then `• operator`. */
const NODE_LINE = /^([ │├└─]*)• (.*)$/;

/** The rows as lines: rows with embedded newlines split, logic-test `·` blanks as blanks, a shared indent removed. */
function normalise(lines: readonly unknown[]): string[] {
  const out = lines
    .flatMap((l) => String(l ?? '').split(/\r?\n/))
    .map((l) => l.replace(/\s+$/, ''))
    .map((l) => (l.trim() === '·' ? '' : l));
  // `cockroach sql` (and the docs) print the column indented by two spaces.
  const indents = out.filter((l) => l !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const common = indents.length ? Math.min(...indents) : 0;
  return common > 0 ? out.map((l) => l.slice(common)) : out;
}

/** `1,000` → 1000; a range (`301 - 14,825`, with a limit hint) → its upper end. */
function estimatedRowCount(value: string): number | undefined {
  const m = /^([\d,]+)(?:\s*-\s*([\d,]+))?/.exec(value.trim());
  if (!m) return undefined;
  const n = Number((m[2] ?? m[1] ?? '').replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** `rides@rides_pkey (partial index)  ----  WARNING: …` → table and index. */
function tableAndIndex(value: string): { table: string; index?: string } {
  const v = value
    .replace(/\s+-{3,}.*$/, '')
    .replace(/\s+\(partial index\)$/, '')
    .trim();
  const at = v.lastIndexOf('@');
  return at > 0 ? { table: v.slice(0, at), index: v.slice(at + 1) } : { table: v };
}

function finishNode(n: PlanNode): void {
  for (const { key, value } of n.attributes) {
    if (key === 'table' && n.table === undefined) {
      const ti = tableAndIndex(value);
      n.table = ti.table;
      if (ti.index !== undefined) n.index = ti.index;
    } else if (key === 'spans' && n.spans === undefined) {
      n.spans = value;
      n.fullScan = /^FULL SCAN\b/.test(value);
    } else if (key === 'estimated row count' && n.estimatedRows === undefined) {
      const rows = estimatedRowCount(value);
      if (rows !== undefined) n.estimatedRows = rows;
    }
  }
}

const newNode = (operator: string): PlanNode => ({ operator, attributes: [], fullScan: false, children: [] });

function walk(n: PlanNode | undefined, visit: (n: PlanNode) => void): void {
  if (!n) return;
  visit(n);
  for (const c of n.children) walk(c, visit);
}

interface Recommendation {
  type: string;
  sql: string;
}

function recommendationHint(r: Recommendation): string {
  switch (r.type) {
    case 'index creation':
      return l10n.t('Create the recommended index: {0}', r.sql);
    case 'index replacement':
      return l10n.t('Replace the index as recommended: {0}', r.sql);
    case 'index alteration':
      return l10n.t('Alter the index as recommended: {0}', r.sql);
    default:
      return l10n.t('Index recommendation ({0}): {1}', r.type, r.sql);
  }
}

function warningHint(text: string): string {
  const w = text.replace(/^WARNING:\s*/, '');
  const m = /^the row count estimate on table "?([^"]+?)"? is inaccurate/.exec(w);
  if (m)
    return l10n.t(
      'The row count estimates for {0} are far from the actual counts; run ANALYZE {0} to refresh its statistics.',
      String(m[1]),
    );
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** 125000 → `125,000`, as CockroachDB prints counts. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function fullScanHint(n: PlanNode): string {
  const where = n.index !== undefined ? `${n.table}@${n.index}` : (n.table ?? l10n.t('a table'));
  const secondary = n.index !== undefined && n.index !== 'primary' && !n.index.endsWith('_pkey');
  const what = secondary ? l10n.t('every entry of that index') : l10n.t('every row of the table');
  const est = n.estimatedRows;
  const soft = n.spans?.includes('SOFT LIMIT') ?? false;
  if (est === undefined)
    return soft
      ? l10n.t(
          'Full scan of {0} with a soft limit: it stops once enough rows are found, but may read {1}.',
          where,
          what,
        )
      : l10n.t(
          'Full scan of {0}: it reads {1}; an index on the columns the query filters on would avoid it.',
          where,
          what,
        );
  const rows = est === 1 ? l10n.t('about {0} row', thousands(est)) : l10n.t('about {0} rows', thousands(est));
  return soft
    ? l10n.t(
        'Full scan of {0} ({1}) with a soft limit: it stops once enough rows are found, but may read {2}.',
        where,
        rows,
        what,
      )
    : l10n.t(
        'Full scan of {0} ({1}): it reads {2}; an index on the columns the query filters on would avoid it.',
        where,
        rows,
        what,
      );
}

function hintsFor(root: PlanNode | undefined, recs: Recommendation[], warnings: string[]): string[] {
  const fullScans: string[] = [];
  const missing: string[] = [];
  let missingWithoutTable = false;
  walk(root, (n) => {
    if (n.fullScan) fullScans.push(fullScanHint(n));
    const noStats = n.attributes.some(
      (a) => a.key === 'missing stats' || (a.key === 'estimated row count' && a.value.includes('(missing stats)')),
    );
    if (!noStats) return;
    if (n.table !== undefined) missing.push(n.table);
    else missingWithoutTable = true;
  });
  const stats = [...new Set(missing)].map((t) =>
    l10n.t('{0} has no table statistics, so the row estimates are guesses; run ANALYZE {0} to collect them.', t),
  );
  if (missingWithoutTable && stats.length === 0)
    stats.push(
      l10n.t('Some tables have no statistics, so the row estimates are guesses; run ANALYZE on the tables involved.'),
    );
  return [...new Set([...fullScans, ...recs.map(recommendationHint), ...stats, ...warnings.map(warningHint)])];
}

/**
 * Parses the rows of an EXPLAIN (any of PLAN, VERBOSE, TYPES, REDACT, DISTSQL) or
 * EXPLAIN ANALYZE into the plan tree. `analyze` is recorded as given. Lines after
 * the tree other than warnings and index recommendations (a DistSQL `Diagram:`
 * URL, anything unknown) are appended to `header`. Never throws.
 */
export function parseExplain(lines: readonly string[], analyze: boolean): ExplainPlan {
  let text = '';
  try {
    text = lines.map((l) => String(l ?? '')).join('\n');
    return parse(normalise(lines), analyze, text);
  } catch {
    return { analyze, header: [], text, hints: [] };
  }
}

function parse(lines: string[], analyze: boolean, text: string): ExplainPlan {
  const header: Attr[] = [];
  const recs: Recommendation[] = [];
  const warnings: string[] = [];
  let root: PlanNode | undefined;
  /** Open nodes with their bullet column, outermost first. */
  const stack: Array<{ col: number; node: PlanNode }> = [];
  let phase: 'header' | 'tree' | 'trailer' = 'header';

  const addNode = (col: number, operator: string): void => {
    const node = newNode(operator);
    while (stack.length && (stack[stack.length - 1] as { col: number }).col >= col) stack.pop();
    const parent = stack[stack.length - 1]?.node;
    if (parent) parent.children.push(node);
    else if (!root) root = node;
    else {
      // A second top-level tree: keep both under one synthetic root.
      if (root.operator !== 'root' || root.attributes.length) {
        const top = newNode('root');
        top.children.push(root);
        root = top;
      }
      root.children.push(node);
    }
    stack.push({ col, node });
  };

  const trailer = (line: string): void => {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if (/^index recommendations: \d+$/.test(t)) return;
    if ((m = /^\d+\. type: (.+)$/.exec(t))) recs.push({ type: m[1] as string, sql: '' });
    else if ((m = /^SQL commands?: (.+)$/.exec(t)) && recs.length) {
      const r = recs[recs.length - 1] as Recommendation;
      r.sql = r.sql ? `${r.sql} ${m[1]}` : (m[1] as string);
    } else if (/^WARNING:/.test(t)) warnings.push(t);
    else header.push(keyValue(t));
  };

  for (const line of lines) {
    const node = NODE_LINE.exec(line);
    if (phase === 'header') {
      if (node) phase = 'tree';
      else {
        if (line !== '') header.push(keyValue(line.trim()));
        continue;
      }
    }
    if (phase === 'tree') {
      // Inside the tree every line starts with a drawing character or a space.
      if (line === '' || !/^[ •│├└]/.test(line)) phase = 'trailer';
      else if (node) {
        addNode((node[1] as string).length, (node[2] as string).trim());
        continue;
      } else {
        const prefix = TREE_CHARS.exec(line)?.[0] ?? '';
        const rest = line.slice(prefix.length).trim();
        if (rest === '') continue;
        // The attribute's node: the open node whose bullet is two columns left of the text, else the latest.
        const owner = [...stack].reverse().find((s) => s.col === prefix.length - 2) ?? stack[stack.length - 1];
        owner?.node.attributes.push(keyValue(rest));
        continue;
      }
    }
    if (line !== '') trailer(line);
  }

  walk(root, finishNode);
  const plan: ExplainPlan = { analyze, header, text, hints: hintsFor(root, recs, warnings) };
  if (root) plan.root = root;
  return plan;
}

// An EXPLAIN (ANALYZE) plan: the header lines, the advice the server printed,
// the operator tree (each node with its table@index, spans and estimated rows;
// full scans and missing statistics tagged), and the plan as printed. A table
// name is a button that asks the host for the table's definition.
import * as l10n from '@vscode/l10n';
import { parseTableRef } from '../../model/resultValues';
import type { ExplainPlan, PlanNode } from '../../protocol/sqlResults';
import { el } from '../common/dom';
import { tag } from '../common/table';
import { post } from '../common/vscodeApi';
import { grouped } from './statement';

/** Deeper than any real plan; a hostile one stops here rather than exhausting the stack. */
const MAX_DEPTH = 200;

const MISSING_STATS = /missing stats/i;

function missingStats(n: PlanNode): boolean {
  return n.attributes.some((a) => MISSING_STATS.test(a.key) || MISSING_STATS.test(a.value));
}

/** Attributes the node's first line already shows. */
function shownInLine(n: PlanNode, key: string): boolean {
  const k = key.toLowerCase();
  return (
    (k === 'table' && n.table !== undefined) ||
    (k === 'spans' && n.spans !== undefined) ||
    (k === 'estimated row count' && n.estimatedRows !== undefined)
  );
}

function tableButton(n: PlanNode): HTMLElement | undefined {
  if (!n.table) return undefined;
  const text = n.index && !n.table.includes('@') ? `${n.table}@${n.index}` : n.table;
  const ref = parseTableRef(text);
  const b = el(
    'button',
    {
      class: 'link mono',
      type: 'button',
      'data-testid': 'plan-table',
      'data-table': ref.table,
      title: l10n.t('Go to the definition of {0}', ref.table),
    },
    text,
  );
  b.addEventListener('click', () =>
    post({ type: 'goToTable', table: ref.table, ...(ref.database ? { database: ref.database } : {}) }),
  );
  return b;
}

function nodeItem(n: PlanNode, depth: number): HTMLElement {
  const missing = missingStats(n);
  const li = el('li', {
    role: 'treeitem',
    class: n.fullScan || missing ? 'plan-node warn' : 'plan-node',
    'data-testid': 'plan-node',
    'data-operator': n.operator,
    'data-fullscan': String(n.fullScan),
    'data-missing-stats': String(missing),
    'aria-expanded': n.children.length ? 'true' : undefined,
  });
  const line = el('div', { class: 'plan-line' }, el('span', { class: 'plan-op' }, n.operator));
  const table = tableButton(n);
  if (table) line.append(' ', table);
  if (n.fullScan) line.append(' ', tag(l10n.t('full scan'), 'warning'));
  if (missing) line.append(' ', tag(l10n.t('missing stats'), 'warning'));
  if (n.estimatedRows !== undefined)
    line.append(
      ' ',
      el('span', { class: 'muted', 'data-testid': 'plan-rows' }, l10n.t('est. {0} rows', grouped(n.estimatedRows))),
    );
  li.append(line);
  if (n.spans !== undefined)
    li.append(el('div', { class: 'plan-attr mono', 'data-testid': 'plan-spans' }, `spans: ${n.spans}`));
  for (const a of n.attributes) {
    if (shownInLine(n, a.key)) continue;
    li.append(el('div', { class: 'plan-attr mono' }, el('span', { class: 'muted' }, `${a.key}: `), a.value));
  }
  if (n.children.length) {
    const group = el('ul', { role: 'group' });
    if (depth >= MAX_DEPTH)
      group.append(el('li', { class: 'muted' }, l10n.t('… (deeper operators are in the plan text)')));
    else for (const c of n.children) group.append(nodeItem(c, depth + 1));
    li.append(group);
  }
  return li;
}

export function planView(plan: ExplainPlan): HTMLElement {
  const box = el(
    'section',
    { class: 'plan', 'data-testid': 'plan', 'aria-label': l10n.t('Plan') },
    el('h2', {}, plan.analyze ? l10n.t('Plan (EXPLAIN ANALYZE)') : l10n.t('Plan')),
  );
  if (plan.header.length) {
    const dl = el('dl', { class: 'plan-header', 'data-testid': 'plan-header' });
    for (const h of plan.header) dl.append(el('dt', {}, h.key), el('dd', {}, h.value));
    box.append(dl);
  }
  if (plan.hints.length) {
    const ul = el('ul', { class: 'plan-hints', 'data-testid': 'plan-hints', 'aria-label': l10n.t('Hints') });
    for (const h of plan.hints) ul.append(el('li', {}, h));
    box.append(ul);
  }
  if (plan.root)
    box.append(
      el(
        'ul',
        { class: 'plan-tree', role: 'tree', 'data-testid': 'plan-tree', 'aria-label': l10n.t('Operators') },
        nodeItem(plan.root, 0),
      ),
    );
  box.append(
    el(
      'details',
      { class: 'plan-raw', open: !plan.root },
      el('summary', {}, l10n.t('Plan as printed')),
      el('pre', { class: 'plan mono', 'data-testid': 'plan-text' }, plan.text),
    ),
  );
  return box;
}

// EXPLAIN answers in CockroachDB's shape (one STRING column `info`: top-level
// fields, a blank row, then a `•` tree drawn like util/treeprinter's BulletStyle)
// from PostgreSQL's plan of the same statement, so the statement is still checked
// for validity by the engine. PostgreSQL operators map to their CockroachDB
// counterparts: Seq Scan → `• scan` with `spans: FULL SCAN` (a filter above it as
// `• filter`), Index Scan → `• scan` with the spans of its index condition, Hash
// Join → `• hash join (…)` with `equality:`, Aggregate → `• group (…)`, and so on;
// `rows=` estimates become `estimated row count:`. For EXPLAIN ANALYZE (PostgreSQL's
// EXPLAIN (ANALYZE)) the header gets `planning time` / `execution time` and every
// operator its `actual row count` and `execution time` (`KV time` for scans).

import { tokenize } from './rewrite';

interface PgNode {
  name: string;
  rows: number;
  actualRows?: number;
  actualMs?: number;
  neverExecuted?: boolean;
  props: Map<string, string>;
  children: PgNode[];
  /** `InitPlan 1`, `SubPlan 2`, `CTE x`: the children are a subquery's plan. */
  subplan?: string;
}

interface CrNode {
  op: string;
  attrs: string[];
  children: CrNode[];
}

/** Whether the statement is `EXPLAIN ANALYZE …` (comments before it allowed). */
export function isExplainAnalyze(sql: string): boolean {
  const words = tokenize(sql)
    .filter((t) => t.kind !== 'space' && t.kind !== 'comment')
    .slice(0, 2)
    .map((t) => t.text.toUpperCase());
  return words[0] === 'EXPLAIN' && (words[1] === 'ANALYZE' || words[1] === 'ANALYSE');
}

const NODE = /^(\s*)(?:->\s+)?(.+?)\s+\(cost=[\d.]+\.\.[\d.]+ rows=(\d+) width=\d+\)(.*)$/;
const ACTUAL = /\(actual (?:time=[\d.]+\.\.([\d.]+) )?rows=([\d.]+) loops=(\d+)\)/;
const SUBPLAN = /^(\s*)((?:InitPlan|SubPlan) \d+|CTE \S+)/;
const PROP = /^(\s*)([A-Z][A-Za-z ]*?): (.*)$/;

/** PostgreSQL's text plan as a tree, plus its planning and execution times (ms). */
function parsePg(lines: string[]): { roots: PgNode[]; planningMs?: number; executionMs?: number } {
  const roots: PgNode[] = [];
  const stack: Array<{ col: number; node: PgNode }> = [];
  let planningMs: number | undefined;
  let executionMs: number | undefined;
  const attach = (col: number, node: PgNode): void => {
    while (stack.length && (stack[stack.length - 1] as { col: number }).col >= col) stack.pop();
    const parent = stack[stack.length - 1]?.node;
    if (parent) parent.children.push(node);
    else roots.push(node);
  };
  for (const line of lines) {
    const time = /^(Planning|Execution) Time: ([\d.]+) ms/.exec(line);
    if (time) {
      if (time[1] === 'Planning') planningMs = Number(time[2]);
      else executionMs = Number(time[2]);
      continue;
    }
    const m = NODE.exec(line);
    if (m) {
      const indent = (m[1] ?? '').length;
      const textCol = line.includes('->') ? indent + 4 : indent;
      const node: PgNode = { name: (m[2] ?? '').trim(), rows: Number(m[3]), props: new Map(), children: [] };
      const actual = ACTUAL.exec(m[4] ?? '');
      if (actual) {
        const loops = Number(actual[3]);
        node.actualRows = Math.round(Number(actual[2]) * loops);
        node.actualMs = Number(actual[1] ?? 0) * loops;
      } else if ((m[4] ?? '').includes('never executed')) node.neverExecuted = true;
      attach(indent, node);
      stack.push({ col: textCol, node });
      continue;
    }
    const sub = SUBPLAN.exec(line);
    if (sub) {
      const indent = (sub[1] ?? '').length;
      const node: PgNode = { name: sub[2] ?? '', subplan: sub[2], rows: 0, props: new Map(), children: [] };
      attach(indent, node);
      stack.push({ col: indent, node });
      continue;
    }
    const p = PROP.exec(line);
    if (p && stack.length) (stack[stack.length - 1] as { node: PgNode }).node.props.set(p[2] ?? '', p[3] ?? '');
  }
  return { roots, planningMs, executionMs };
}

/** 125000 → `125,000`, as humanizeutil.Count prints it. */
const count = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** As humanizeutil.Duration: `0µs`, `179µs`, `4ms`, `1.2s`. */
function duration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)}µs`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Splits `a AND b` at the top level (outside parentheses and strings). */
function splitAnd(expr: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && expr.startsWith(' AND ', i)) {
      out.push(expr.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  out.push(expr.slice(start));
  return out.map(unwrap);
}

/** `(x)` → `x` when the parentheses enclose the whole expression. */
function unwrap(expr: string): string {
  let e = expr.trim();
  while (e.startsWith('(') && e.endsWith(')')) {
    let depth = 0;
    let enclosing = true;
    for (let i = 0; i < e.length - 1; i++) {
      if (e[i] === '(') depth++;
      else if (e[i] === ')') depth--;
      if (depth === 0) {
        enclosing = false;
        break;
      }
    }
    if (!enclosing) break;
    e = e.slice(1, -1).trim();
  }
  return e;
}

class Converter {
  private subqueries: CrNode[] = [];
  /** CTE name → its buffer's number. */
  private readonly buffers = new Map<string, number>();
  /** Table names and aliases, whose `x.` qualifiers CockroachDB does not print. */
  private readonly qualifiers = new Set<string>();

  constructor(
    private readonly analyze: boolean,
    lines: string[],
  ) {
    for (const l of lines) {
      const m = / on (\w+)(?: (\w+))?\s+\(cost=/.exec(l);
      if (m?.[1]) this.qualifiers.add(m[1]);
      if (m?.[2]) this.qualifiers.add(m[2]);
    }
  }

  /** A PostgreSQL expression as CockroachDB prints one: no casts, no table qualifiers. */
  private expr(e: string): string {
    let out = e
      .replace(/::(?:timestamp|time) with(?:out)? time zone(?:\[\])?/gi, '')
      .replace(/::(?:character varying|double precision|bit varying)(?:\[\])?/gi, '')
      .replace(/::(?:"[^"]+"|[a-z_][a-z0-9_]*)(?:\[\])?/gi, '');
    for (const q of this.qualifiers) out = out.replace(new RegExp(`\\b${q}\\.(?=[A-Za-z_"])`, 'g'), '');
    return out;
  }

  /** The filter without the simulator's own visibility predicate; '' when nothing is left. */
  private filter(e: string | undefined): string {
    if (!e) return '';
    return splitAnd(unwrap(e))
      .filter((term) => !term.includes("current_setting('sim."))
      .map((term) => this.expr(term))
      .join(' AND ');
  }

  private stats(n: PgNode, scan: boolean): string[] {
    if (!this.analyze) return [];
    const rows = count(n.actualRows ?? 0);
    const time = duration(n.actualMs ?? 0);
    return scan
      ? ['sql nodes: n1', 'kv nodes: n1', `actual row count: ${rows}`, `KV time: ${time}`, `KV rows decoded: ${rows}`]
      : ['sql nodes: n1', `actual row count: ${rows}`, `execution time: ${time}`];
  }

  private node(op: string, n: PgNode, attrs: string[], children: CrNode[], scan = false): CrNode {
    return { op, attrs: [...this.stats(n, scan), `estimated row count: ${count(n.rows)}`, ...attrs], children };
  }

  /** Wraps `inner` in `• filter` when the node has a filter left after cleaning. */
  private filtered(n: PgNode, inner: CrNode): CrNode {
    const f = this.filter(n.props.get('Filter'));
    if (!f) return inner;
    return this.node('filter', n, [`filter: ${f}`], [inner]);
  }

  private spans(n: PgNode): string {
    const cond = n.props.get('Index Cond');
    if (!cond) return 'LIMITED SCAN';
    const m = /^(\w+) (=|>=|<=|>|<) (.+)$/.exec(this.expr(unwrap(cond)));
    if (!m) return 'LIMITED SCAN';
    const v = /^'(-?\d+(?:\.\d+)?)'$/.exec(m[3] as string)?.[1] ?? (m[3] as string);
    switch (m[2]) {
      case '=':
        return `[/${v} - /${v}]`;
      case '>=':
        return `[/${v} - ]`;
      case '>':
        return `(/${v} - ]`;
      case '<=':
        return `[ - /${v}]`;
      default:
        return `[ - /${v})`;
    }
  }

  private children(n: PgNode, underLimit = false): CrNode[] {
    return n.children.flatMap((c) => this.convert(c, underLimit));
  }

  private subplan(s: PgNode): void {
    const id = `@S${this.subqueries.length + 1}`;
    const inner = this.children(s);
    const cte = s.subplan?.startsWith('CTE ') ? s.subplan.slice(4) : undefined;
    const mode = cte ? 'discard all rows' : s.subplan?.startsWith('InitPlan') ? 'one row' : 'all rows';
    const body: CrNode[] = cte ? [{ op: 'buffer', attrs: [`label: ${this.buffer(cte)}`], children: inner }] : inner;
    this.subqueries.push({ op: 'subquery', attrs: [`id: ${id}`, `exec mode: ${mode}`], children: body });
  }

  private buffer(cte: string): string {
    let k = this.buffers.get(cte);
    if (k === undefined) this.buffers.set(cte, (k = this.buffers.size + 1));
    return `buffer ${k} (${cte})`;
  }

  private join(n: PgNode, algo: string, type: string | undefined, condKey?: string): CrNode {
    const TYPES: Record<string, string> = {
      Left: 'left outer',
      Right: 'right outer',
      Full: 'full outer',
      Semi: 'semi',
      Anti: 'anti',
      'Right Semi': 'right semi',
      'Right Anti': 'right anti',
    };
    const attrs: string[] = [];
    const cond = condKey ? n.props.get(condKey) : undefined;
    if (cond) {
      const pairs = splitAnd(unwrap(cond)).map((t) => /^(.+?) = (.+)$/.exec(this.expr(t)));
      if (pairs.every((p) => p))
        attrs.push(`equality: (${pairs.map((p) => p?.[1]).join(', ')}) = (${pairs.map((p) => p?.[2]).join(', ')})`);
      else attrs.push(`pred: ${this.expr(unwrap(cond))}`);
    }
    const extra = this.filter(n.props.get('Join Filter'));
    if (extra) attrs.push(`pred: ${extra}`);
    const op = type && TYPES[type] ? `${algo} (${TYPES[type]})` : algo;
    return this.node(op, n, attrs, this.children(n));
  }

  convert(pg: PgNode, underLimit = false): CrNode[] {
    if (pg.subplan) {
      this.subplan(pg);
      return [];
    }
    // InitPlans, SubPlans and CTEs hang off the operator that uses them; CockroachDB lists them under `• root`.
    for (const c of pg.children) if (c.subplan) this.subplan(c);
    const n: PgNode = { ...pg, children: pg.children.filter((c) => !c.subplan) };
    const name = n.name;
    let m: RegExpExecArray | null;
    if ((m = /^(?:Parallel )?Seq Scan on (\S+)/.exec(name))) {
      const table = m[1] as string;
      const hasFilter = this.filter(n.props.get('Filter')) !== '';
      const scanRow: PgNode = hasFilter
        ? { ...n, actualRows: (n.actualRows ?? 0) + Number(n.props.get('Rows Removed by Filter') ?? 0) }
        : n;
      const scan = this.node(
        'scan',
        scanRow,
        [`table: ${table}@${table}_pkey`, `spans: ${underLimit ? 'FULL SCAN (SOFT LIMIT)' : 'FULL SCAN'}`],
        [],
        true,
      );
      return [this.filtered(n, scan)];
    }
    if ((m = /^(?:Parallel )?Index (?:Only )?Scan(?: Backward)? using (\S+) on (\S+)/.exec(name))) {
      const scan = this.node('scan', n, [`table: ${m[2]}@${m[1]}`, `spans: ${this.spans(n)}`], [], true);
      return [this.filtered(n, scan)];
    }
    if ((m = /^Bitmap Heap Scan on (\S+)/.exec(name))) {
      const table = m[1] as string;
      const index = n.children.map((c) => /^Bitmap Index Scan on (\S+)/.exec(c.name)).find((x) => x);
      const inner = n.children.find((c) => /^Bitmap Index Scan/.test(c.name));
      const scans = inner
        ? [this.node('scan', inner, [`table: ${table}@${index?.[1]}`, `spans: ${this.spans(inner)}`], [], true)]
        : [];
      return [this.filtered(n, this.node('index join', n, [`table: ${table}@${table}_pkey`], scans))];
    }
    if ((m = /^(?:Parallel )?Hash (?:(Left|Right|Full|Semi|Anti|Right Semi|Right Anti) )?Join$/.exec(name)))
      return [this.join(n, 'hash join', m[1], 'Hash Cond')];
    if ((m = /^Merge (?:(Left|Right|Full|Semi|Anti|Right Semi|Right Anti) )?Join$/.exec(name)))
      return [this.join(n, 'merge join', m[1], 'Merge Cond')];
    if ((m = /^Nested Loop(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti) Join)?$/.exec(name)))
      return [this.join(n, 'cross join', m[1])];
    if (/^(?:Finalize |Partial )?(?:Group|Hash|Mixed)?Aggregate$/.test(name)) {
      const kind = /Group/.test(name) ? 'streaming' : /Hash|Mixed/.test(name) ? 'hash' : 'scalar';
      const key = n.props.get('Group Key');
      return [
        this.filtered(n, this.node(`group (${kind})`, n, key ? [`group by: ${this.expr(key)}`] : [], this.children(n))),
      ];
    }
    if (/^(?:Incremental )?Sort$/.test(name)) {
      const key = n.props.get('Sort Key') ?? '';
      const order = key
        .split(', ')
        .filter((k) => k)
        .map((k) => this.expr(k))
        .map((k) =>
          / DESC\b/.test(k) ? `-${k.replace(/ DESC\b.*$/, '')}` : `+${k.replace(/ (?:ASC|NULLS \w+)\b.*$/, '')}`,
        )
        .join(',');
      return [this.node('sort', n, order ? [`order: ${order}`] : [], this.children(n))];
    }
    if (name === 'Limit') return [{ op: 'limit', attrs: [], children: this.children(n, true) }];
    if (name === 'Unique') return [this.node('distinct', n, [], this.children(n))];
    if (name === 'Append' || name === 'Merge Append') return [this.node('union all', n, [], this.children(n))];
    if ((m = /^(?:Hash)?SetOp (Intersect|Except)( All)?$/.exec(name)))
      return [this.node(`${(m[1] as string).toLowerCase()}${m[2] ? ' all' : ''}`, n, [], this.children(n))];
    if (name === 'WindowAgg') return [this.node('window', n, [], this.children(n))];
    if (name === 'Result') {
      const kids = this.children(n);
      return kids.length ? [{ op: 'render', attrs: [], children: kids }] : [{ op: 'values', attrs: [], children: [] }];
    }
    if (/^Values Scan/.test(name)) return [{ op: 'values', attrs: [`size: ${count(n.rows)} rows`], children: [] }];
    if ((m = /^CTE Scan on (\S+)/.exec(name)))
      return [this.node('scan buffer', n, [`label: ${this.buffer(m[1] as string)}`], [])];
    if (/^Function Scan/.test(name)) return [this.node('project set', n, [], [])];
    if ((m = /^(Insert|Update|Delete) on (\S+)/.exec(name))) {
      const verb = (m[1] as string).toLowerCase();
      const key = verb === 'insert' ? 'into' : verb === 'delete' ? 'from' : 'table';
      return [this.node(verb, n, [`${key}: ${m[2]}`], this.children(n))];
    }
    // Operators with no CockroachDB counterpart of their own: their input stands in for them.
    if (/^(?:Hash|Materialize|Memoize|Gather(?: Merge)?|LockRows|Subquery Scan on \S+)/.test(name)) {
      const kids = this.children(n, underLimit);
      const f = this.filter(n.props.get('Filter'));
      return f && kids.length === 1 ? [this.node('filter', n, [`filter: ${f}`], kids)] : kids;
    }
    return [this.node(name.replace(/ on \S+.*$/, '').toLowerCase(), n, [], this.children(n))];
  }

  /** The whole plan; with subqueries, under `• root` as CockroachDB draws them. */
  plan(roots: PgNode[]): CrNode | undefined {
    const main = roots.flatMap((r) => this.convert(r));
    const subs = this.subqueries;
    if (!subs.length && main.length <= 1) return main[0];
    return { op: 'root', attrs: [], children: [...main, ...subs] };
  }
}

/** util/treeprinter's BulletStyle. */
function draw(n: CrNode, nodePrefix: string, cont: string, out: string[]): void {
  out.push(`${nodePrefix}• ${n.op}`);
  const attrPrefix = cont + (n.children.length ? '│ ' : '  ');
  for (const a of n.attrs) out.push(attrPrefix + a);
  if (n.children.length) out.push(`${cont}│`);
  n.children.forEach((c, i) => {
    const last = i === n.children.length - 1;
    draw(c, cont + (last ? '└── ' : '├── '), cont + (last ? '    ' : '│   '), out);
    if (!last) out.push(`${cont}│`);
  });
}

/**
 * CockroachDB's EXPLAIN rows for PostgreSQL's plan lines (the `QUERY PLAN` column of
 * `EXPLAIN` or, with `analyze`, of `EXPLAIN (ANALYZE)`).
 */
export function explainText(pgPlan: string[], opts: { analyze?: boolean } = {}): string[] {
  const analyze = opts.analyze === true;
  const { roots, planningMs, executionMs } = parsePg(pgPlan);
  const header = analyze
    ? [
        `planning time: ${duration(planningMs ?? 0)}`,
        `execution time: ${duration(executionMs ?? 0)}`,
        'distribution: local',
        'vectorized: true',
        'plan type: custom',
      ]
    : ['distribution: local', 'vectorized: true'];
  const out = [...header, ''];
  const root = new Converter(analyze, pgPlan).plan(roots);
  if (root) draw(root, '', '', out);
  return out;
}

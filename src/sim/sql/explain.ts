// EXPLAIN answers in CockroachDB's shape (one STRING column `info`, a header and
// a `•` tree) from PostgreSQL's plan of the same statement, so the statement is
// still checked for validity by the engine.

export function explainText(pgPlan: string[]): string[] {
  const out = ['distribution: local', 'vectorized: true', ''];
  for (const line of pgPlan) {
    const m = /^(\s*)(?:->\s*)?([A-Za-z][A-Za-z ]*?)(?: on (\S+)(?: \S+)?)?\s+\(cost/.exec(line);
    if (!m) continue;
    const depth = Math.floor((m[1] ?? '').length / 3);
    const pad = '  '.repeat(depth);
    const node = (m[2] ?? '').toLowerCase();
    const table = m[3];
    if (node.includes('seq scan') && table) {
      out.push(`${pad}• scan`, `${pad}  table: ${table}@${table}_pkey`, `${pad}  spans: FULL SCAN`);
    } else if (node.includes('index') && table) {
      out.push(`${pad}• scan`, `${pad}  table: ${table}@${table}_pkey`, `${pad}  spans: LIMITED SCAN`);
    } else {
      out.push(`${pad}• ${node.replace(/^hash |^seq |^subquery /, '')}`);
    }
  }
  return out;
}

// The workload CodeLens's scan over a 2,000-file workspace: every file lexed for SQL
// (sqlSites: .sql statements, string literals of TS, Python, Go and Java) and each
// site looked up in one load's figures (workloadFigures over the simulator's 1,000
// fingerprints) — the pure work the lens and Find in Workspace do, without VS Code.
// The files are generated (seeded, ~6 KB each, a few SQL strings among ordinary code),
// the figures come from the simulator's statement generator. Bundled by bench/build.mjs.
import { performance } from 'node:perf_hooks';
import { findStatementSites, sqlSites, statementQuery } from '../src/domain/sqlInCode.ts';
import { workloadFigures } from '../src/editor/workspace/lensCache.ts';
import { makeTopology } from '../src/sim/data/topology.ts';
import { fingerprints, setFingerprintCount } from '../src/sim/sql/genStatements.ts';
import { median } from './stats.mjs';

const FILES = 2000;
const FINGERPRINTS = 1000;
const RUNS = 7;

/** A small seeded generator, so every run scans the same workspace. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The statements of one load, as the client returns them (only the fields the figures read matter). */
function statements() {
  const topo = makeTopology({
    seed: 7,
    profile: 'v25',
    nodes: 3,
    rangesPerNode: 5,
    sessionsPerNode: 1,
    hotRangesPerNode: 1,
  });
  setFingerprintCount(topo, FINGERPRINTS);
  return fingerprints(topo).map((f, i) => ({
    fingerprintId: f.idHex,
    appName: f.app,
    database: f.tpl.db,
    query: f.query,
    querySummary: f.tpl.summary,
    executionCount: 100 + i,
    meanLatency: f.latency,
    p99Latency: f.latency * 3.5,
    totalTime: f.latency * (100 + i),
    meanRowsRead: 1,
    meanRowsWritten: 0,
    meanBytesRead: 0,
    meanContention: 0,
    meanCpuNanos: 0,
    maxRetries: 0,
    fullScan: f.tpl.fullScan === true,
    distSql: false,
    implicitTxn: true,
    indexRecommendations: [],
  }));
}

/** A statement of the workload written the way each language's driver wants its placeholders. */
function asCode(sql, lang, n) {
  let k = 0;
  const ph = { ts: () => `$${++k}`, py: () => '%s', go: () => `$${++k}`, java: () => '?', sql: () => `'v${n}'` }[lang];
  return sql.replace(/\$\d+/g, () => ph());
}

const FILLER = {
  ts: (i) =>
    `export function helper${i}(a: number, b: string): string {\n  const x = a * ${i} + b.length; // not SQL: select the best one\n  return \`\${b}-\${x}\`;\n}\n`,
  py: (i) =>
    `def helper_${i}(a, b):\n    """Update the cache; delete stale keys."""\n    x = a * ${i} + len(b)  # select\n    return f"{b}-{x}"\n\n`,
  go: (i) =>
    `func helper${i}(a int, b string) string {\n\tx := a*${i} + len(b) // update\n\treturn fmt.Sprintf("%s-%d", b, x)\n}\n\n`,
  java: (i) =>
    `  static String helper${i}(int a, String b) {\n    int x = a * ${i} + b.length(); // delete\n    return b + "-" + x;\n  }\n`,
  sql: (i) => `-- report ${i}: select and update notes\n`,
};

function sqlLiteral(sql, lang, r) {
  if (lang === 'ts') return r() < 0.5 ? `db.query(\`${sql}\`, args);\n` : `db.query('${sql}', args);\n`;
  if (lang === 'py') return r() < 0.5 ? `cur.execute("""\n    ${sql}\n""", args)\n` : `cur.execute("${sql}", args)\n`;
  if (lang === 'go') return `rows, err := db.Query(\`${sql}\`, args...)\n`;
  if (lang === 'java') return `    String q = "${sql}";\n`;
  return `${sql};\n`;
}

/** 2,000 files: mostly code, 0–4 SQL strings each (two in three from the workload, the rest not). */
function workspace(queries) {
  const r = rng(42);
  const langs = ['ts', 'ts', 'ts', 'ts', 'py', 'py', 'go', 'go', 'java', 'java', 'sql'];
  const files = [];
  let bytes = 0;
  let planted = 0;
  for (let f = 0; f < FILES; f++) {
    const lang = langs[Math.floor(r() * langs.length)];
    let text = lang === 'java' ? 'class Repo {\n' : lang === 'go' ? 'package repo\n\n' : '';
    const blocks = 30 + Math.floor(r() * 20);
    const sqlAt = new Set(Array.from({ length: Math.floor(r() * 5) }, () => Math.floor(r() * blocks)));
    for (let b = 0; b < blocks; b++) {
      text += FILLER[lang](b);
      if (sqlAt.has(b)) {
        const fromWorkload = r() < 2 / 3;
        if (fromWorkload) planted++;
        const sql = fromWorkload
          ? asCode(queries[Math.floor(r() * queries.length)], lang, b).replace(/'/g, lang === 'ts' ? "\\'" : "'")
          : `SELECT col_${b}, note FROM table_${f % 97} WHERE id = ${lang === 'sql' ? 1 : '$1'}`;
        text += sqlLiteral(lang === 'java' || lang === 'py' ? sql.replace(/"/g, '\\"') : sql, lang, r);
      }
    }
    if (lang === 'java') text += '}\n';
    bytes += text.length;
    files.push({ path: `src/mod${f % 40}/file${f}.${lang === 'py' ? 'py' : lang}`, text });
  }
  return { files, bytes, planted };
}

export async function benchCodelensScan() {
  const stats = statements();
  // The workload's distinct texts (without the /* vN */ comments), as code would issue them.
  const queries = [...new Set(stats.map((s) => s.query.replace(/\s*(\/\*.*\*\/|--.*)$/, '')))];
  const { files, bytes, planted } = workspace(queries);

  let lenses = 0;
  let fileMaxMs = 0;
  const scan = () => {
    const byText = workloadFigures(stats, [], 1);
    let n = 0;
    for (const f of files) {
      const t = performance.now();
      for (const site of sqlSites(f.text, f.path)) if (byText.has(site.normalized)) n++;
      fileMaxMs = Math.max(fileMaxMs, performance.now() - t);
    }
    lenses = n;
  };
  const query = statementQuery('SELECT * FROM rides WHERE rider_id = $1');
  let found = 0;
  const find = () => {
    found = 0;
    for (const f of files) found += findStatementSites(query, f.text, f.path).length;
  };

  scan();
  find();
  // A scan that misses what was planted measures nothing.
  if (lenses !== planted) throw new Error(`the scan found ${lenses} workload statements of the ${planted} planted`);
  const times = [];
  const findTimes = [];
  fileMaxMs = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    scan();
    times.push(performance.now() - t);
    t = performance.now();
    find();
    findTimes.push(performance.now() - t);
  }
  return {
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    fileMaxMs,
    findMs: median(findTimes),
    files: files.length,
    bytes,
    lenses,
    planted,
    found,
  };
}

// Summarises the CPU profiles that bench/host/entry.cjs writes with BENCH_PROFILE set (one
// per activation, and one per first tree page): self time per file and per function, what
// loading each of the extension's files cost (compile + module evaluation), and the VS Code
// API calls made from its code. Usage: node bench/host/profile.mjs <dir> [top]
import fs from 'node:fs';
import path from 'node:path';

const base = (url) => (url ? path.basename(url.replace(/^file:\/\//, '')) : '');

/** Per node: self µs, from the sample stream (each sample owns the delta up to the next one). */
function selfTimes(profile) {
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  return self;
}

function analyse(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = selfTimes(profile);
  const total = new Map();
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = (id) => {
    if (total.has(id)) return total.get(id);
    const n = byId.get(id);
    let t = self.get(id) ?? 0;
    for (const c of n.children ?? []) t += inclusive(c);
    total.set(id, t);
    return t;
  };
  for (const n of profile.nodes) inclusive(n.id);
  const ours = (n) => /[\\/](dist|baseline-extension|floor-extension)[\\/][^\\/]+\.c?js$/.test(n.callFrame.url);
  const hasOurAncestor = (id) => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) if (ours(byId.get(p))) return true;
    return false;
  };

  const perFile = new Map();
  const perFunction = new Map();
  const loads = new Map();
  const api = new Map();
  for (const n of profile.nodes) {
    const s = self.get(n.id) ?? 0;
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const file = base(url) || functionName;
    perFile.set(file, (perFile.get(file) ?? 0) + s);
    const fn = `${functionName || '(anonymous)'} ${base(url)}${url ? `:${lineNumber + 1}:${columnNumber + 1}` : ''}`;
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + s);
    // A module's top level is an anonymous function at 1:1 of its file; its caller (Node's
    // Module._compile, anonymous in Node 24) also calls wrapSafe, which is V8 compiling it.
    if (ours(n) && !functionName && lineNumber === 0 && columnNumber === 0 && parent.has(n.id)) {
      const compiler = byId.get(parent.get(n.id));
      const compileUs = (compiler.children ?? [])
        .map((c) => byId.get(c))
        .filter((c) => c.callFrame.functionName === 'wrapSafe')
        .reduce((sum, c) => sum + total.get(c.id), 0);
      const key = base(url);
      const l = loads.get(key) ?? { totalUs: 0, evalUs: 0 };
      l.totalUs += compileUs + total.get(n.id);
      l.evalUs += total.get(n.id);
      loads.set(key, l);
    }
    // A VS Code frame called straight from our code: one API call (with all it does below).
    if (!ours(n) && url.includes('extensionHostProcess') && parent.has(n.id) && ours(byId.get(parent.get(n.id)))) {
      const key = functionName || '(anonymous)';
      api.set(key, (api.get(key) ?? 0) + total.get(n.id));
    }
  }
  // Time below our frames at all, whoever's code it is: what "our activation" costs above the host's.
  let underOursUs = 0;
  for (const n of profile.nodes) if (ours(n) && !hasOurAncestor(n.id)) underOursUs += total.get(n.id);
  const durationUs = profile.endTime - profile.startTime;
  return { durationUs, perFile, perFunction, loads, api, underOursUs };
}

/** Sums maps of numbers (or of {totalUs, evalUs}) over profiles, then divides by their count. */
function mean(maps) {
  const out = new Map();
  for (const m of maps)
    for (const [k, v] of m) {
      if (typeof v === 'number') out.set(k, (out.get(k) ?? 0) + v / maps.length);
      else {
        const o = out.get(k) ?? { totalUs: 0, evalUs: 0 };
        o.totalUs += v.totalUs / maps.length;
        o.evalUs += v.evalUs / maps.length;
        out.set(k, o);
      }
    }
  return out;
}

const ms = (us) => (us / 1000).toFixed(2).padStart(8);
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);

export function summarise(dir, n = 15) {
  const groups = new Map();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const id = f.replace(/-\d+\.cpuprofile$/, '');
    const list = groups.get(id) ?? [];
    list.push(analyse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
    groups.set(id, list);
  }
  const lines = [];
  for (const [id, runs] of groups) {
    const avg = (k) => runs.reduce((s, r) => s + r[k], 0) / runs.length;
    lines.push(`\n## ${id}: ${runs.length} profile(s), means per profile`);
    lines.push(
      `profiled window: ${ms(avg('durationUs'))} ms; in or below the extension's frames: ${ms(avg('underOursUs'))} ms`,
    );
    lines.push("\nloading the extension's files (ms: compile + evaluate, of which evaluate):");
    for (const [k, v] of mean(runs.map((r) => r.loads))) lines.push(`${ms(v.totalUs)} ${ms(v.evalUs)}  ${k}`);
    lines.push('\nself time per file (ms):');
    for (const [k, v] of top(mean(runs.map((r) => r.perFile)), n)) lines.push(`${ms(v)}  ${k}`);
    lines.push('\ntop self-time functions (ms):');
    for (const [k, v] of top(mean(runs.map((r) => r.perFunction)), n)) lines.push(`${ms(v)}  ${k}`);
    lines.push("\nVS Code API frames called from the extension's code (ms, inclusive):");
    for (const [k, v] of top(mean(runs.map((r) => r.api)), n)) lines.push(`${ms(v)}  ${k}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  console.log(summarise(process.argv[2], Number(process.argv[3] ?? 15)));
}

// Secrets stay in SecretStorage. A person signs in to a cluster through the input
// boxes (remembering the password, so it is stored too), adds a Cloud account with
// its API key, opens the log; then everything VS Code wrote is scanned:
//   - every file under the sandbox root (user data: settings, global/workspace
//     storage, logs, the installed extension; the XDG and temp dirs; the workspace),
//   - the "CockroachDB" output channel as shown in the editor after Show Logs,
//   - the browser's storage, read from the page (localStorage, sessionStorage, every
//     IndexedDB store: workbench state, globalState, the web workbench's logs), and
//     the browser profile directory,
//   - the packaged cockroachdb-explorer.vsix (every entry, unzipped),
// for: the SQL password, the Cloud API key (whole, and its secret part alone), and
// any CockroachDB session token — found by format, since the token is never shown:
// standard base64 of the SessionCookie protobuf {1: id varint, 2: 16 secret bytes}
// (what X-Cockroach-API-Session carries). Needles are searched as UTF-8 and UTF-16LE.
// Zero hits are expected, except in the platform's secret store (see ALLOWED below).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../e2e/vscode.mjs';

/**
 * The only place a secret may be is the platform's secret store. Where is it in
 * code-server? Not under the user-data dir: the web workbench's SecretStorage keeps
 * every extension secret in one browser localStorage entry, `secrets.provider`,
 * AES-encrypted with a key the server hands out (VS Code's LocalStorageSecretStorageProvider).
 * With Playwright's browser context that storage is in memory, so the scan reads the
 * browser's storage from the page (localStorage, sessionStorage and every IndexedDB
 * store: workbench state, globalState, the web logs). That one entry is the only thing
 * exempt, by exact name; the scan also checks it is there and holds no plain text.
 * Files: none is exempt (ALLOWED is a list of paths relative to the scanned root).
 */
const ALLOWED = [];
const SECRET_STORE_ENTRY = 'localStorage:secrets.provider';
const SECRET_KEY_NAMES = ['cockroachdb.session:', 'cockroachdb.password:', 'cockroachdb.cloudKey:'];

/** base64 of 0x08 <varint id> 0x12 0x10 <16 bytes>: 20–22 bytes, 28 or 32 characters. */
export function isSessionToken(s) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 !== 0) return false;
  const b = Buffer.from(s, 'base64');
  let i = 0;
  if (b[i++] !== 0x08) return false;
  for (let n = 0; ; n++) {
    const byte = b[i++];
    if (byte === undefined || n > 7) return false;
    if ((byte & 0x80) === 0) break;
  }
  return b[i++] === 0x12 && b[i++] === 16 && i + 16 === b.length;
}

/** Session tokens in a buffer (read as latin1, so any byte sequence is searchable). */
export function findTokens(buf) {
  const text = buf.toString('latin1');
  const found = new Set();
  for (let i = text.indexOf('CA'); i >= 0; i = text.indexOf('CA', i + 1)) {
    for (const len of [28, 32]) {
      const cand = text.slice(i, i + len);
      if (cand.length === len && isSessionToken(cand)) found.add(cand);
    }
  }
  return [...found];
}

function needleHits(buf, needles) {
  const hits = [];
  for (const n of needles) {
    if (buf.includes(Buffer.from(n.value, 'utf8')) || buf.includes(Buffer.from(n.value, 'utf16le'))) hits.push(n.name);
  }
  for (const t of findTokens(buf)) hits.push(`session token ${t.slice(0, 6)}…`);
  return hits;
}

function* files(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

/** [{file, hits}] for every file under `root` holding a needle or a token. */
export function scanTree(root, needles) {
  const out = [];
  let scanned = 0;
  for (const f of files(root)) {
    let buf;
    try {
      buf = fs.readFileSync(f);
    } catch {
      continue; // removed while scanning (a lock file, a log rotation)
    }
    scanned++;
    const hits = needleHits(buf, needles);
    if (hits.length) out.push({ file: path.relative(root, f), hits });
  }
  return { hits: out, scanned };
}

/** The Chromium profile Playwright started for this scenario (a child of this process). */
function browserProfile() {
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const arg = args.find((a) => a.startsWith('--user-data-dir='));
      if (arg) return arg.slice('--user-data-dir='.length);
    } catch {
      /* the process ended */
    }
  }
  return undefined;
}

function login(sim, user) {
  const body = new URLSearchParams({ username: user.username, password: user.password }).toString();
  const url = new URL('/api/v2/login/', sim.clusterUrl);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        ca: fs.readFileSync(sim.caFile),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text).session)
            : reject(new Error(`login: HTTP ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export default {
  settings: (sims) => ({
    'cockroachdb.clusters': [{ name: 'Secrets sim', url: sims.cloud.clusterUrl, caFile: sims.cloud.caFile }],
    'cockroachdb.cloud.apiUrl': sims.cloud.cloudUrl,
  }),
  async run({ page, wb, step, sims, dirs }) {
    const sim = sims.cloud;
    const user = sim.users.find((u) => u.admin);
    const key = sim.cloudApiKey;
    const needles = [
      { name: 'SQL password', value: user.password },
      { name: 'Cloud API key', value: key },
      { name: 'Cloud API key (secret part)', value: key.slice(-24) },
    ];
    let outputText = '';
    let profile;

    await step('signs in through the input boxes, remembering the password', async () => {
      await wb.openExplorer();
      await wb.expand('Secrets sim');
      await wb.row('Sign in to Secrets sim').click();
      await wb.answer(user.username, { titleContains: 'Sign in' });
      await wb.answer(user.password, { titleContains: 'as' });
      await wb.pick('Remember the password for automatic re-sign-in');
      // /^…/: the sign-in row's own text mentions "nodes".
      await wb.row(/^Hot ranges/).waitFor({ timeout: 20_000 });
      await wb.expand(/^Nodes/);
      await wb.row(/^n1 /).waitFor({ timeout: 20_000 });
    });

    await step('adds a Cloud account with its API key and lists its clusters', async () => {
      await wb.runCommand('Add Cloud Account…');
      await wb.answer(key, { titleContains: 'Cloud' });
      await wb.toast('Added the CockroachDB Cloud organization').waitFor({ timeout: 20_000 });
      const org = page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"]')
        .filter({ hasText: 'CockroachDB Cloud' })
        .first();
      await org.waitFor({ timeout: 20_000 });
      if ((await org.getAttribute('aria-expanded')) !== 'true') await org.locator('.monaco-tl-twistie').click();
      await wb.row(/prod-orders|Production|Default/).waitFor({ timeout: 20_000 });
      profile = browserProfile();
    });

    await step('the CockroachDB log opens with Show Logs and records the sign-in', async () => {
      await wb.runCommand('Show Logs');
      // The Output view's editor: the panel has other editors (the filter box), so find it by its text.
      const editors = page.locator('.part.panel .monaco-editor .view-lines');
      // Monaco renders spaces as U+00A0.
      await page.waitForFunction(
        (s) => [...document.querySelectorAll(s)].some((e) => /signed\sin\sto\sSecrets\ssim/.test(e.textContent ?? '')),
        '.part.panel .monaco-editor .view-lines',
        { timeout: 20_000 },
      );
      outputText = (await editors.allInnerTexts())
        .map((t) => t.replace(/\u00a0/g, ' '))
        .filter((t) => /\[extension\] activated/.test(t))
        .join('\n');
      if (!outputText) throw new Error('the CockroachDB output is not shown');
    });

    await step('the scanner finds a planted password, API key and session token (self-check)', async () => {
      const token = await login(sim, user);
      if (!isSessionToken(token))
        throw new Error(`the token format check does not recognise a real token (${token.length} chars)`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-secrets-probe-'));
      try {
        fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ note: `x-cockroach-api-session: ${token}` }));
        fs.writeFileSync(path.join(dir, 'b.log'), Buffer.from(`pw ${user.password}`, 'utf16le'));
        fs.mkdirSync(path.join(dir, 'sub'));
        fs.writeFileSync(path.join(dir, 'sub', 'c'), `key=${key}`);
        const { hits } = scanTree(dir, needles);
        const kinds = new Set(hits.flatMap((h) => h.hits.map((x) => x.replace(/ .*$/, ''))));
        for (const k of ['session', 'SQL', 'Cloud'])
          if (![...kinds].some((x) => x.startsWith(k)))
            throw new Error(`the planted ${k} secret was not found: ${JSON.stringify(hits)}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    await step(
      'no password, API key or session token in user data, logs, output channel, browser storage or the .vsix',
      async () => {
        await page.waitForTimeout(1500); // let the log and storage flush
        profile ??= browserProfile();
        const problems = [];
        const report = [];

        const root = scanTree(dirs.root, needles);
        const allowed = root.hits.filter((h) => ALLOWED.includes(h.file));
        const bad = root.hits.filter((h) => !ALLOWED.includes(h.file));
        report.push(
          `sandbox: ${root.scanned} files, ${bad.length} with secrets${allowed.length ? ` (+ the secret store ${allowed.map((h) => h.file).join(', ')})` : ''}`,
        );
        for (const h of bad) problems.push(`${h.file}: ${h.hits.join(', ')}`);
        const keyNames = SECRET_KEY_NAMES.map((k) => ({ name: k, value: k }));
        // (The installed extension's code names the keys itself; it is not storage.)
        const store = [scanTree(dirs.root, keyNames), ...(profile ? [scanTree(profile, keyNames)] : [])]
          .flatMap((r) => r.hits.map((h) => h.file))
          .filter((f) => !f.startsWith('extensions/'));
        report.push(`files naming a secret-storage key: ${store.join(', ') || 'none'}`);
        // The browser's storage, read in the page (see ALLOWED above).
        const entries = await page.evaluate(async () => {
          const out = [];
          const text = (v) =>
            typeof v === 'string'
              ? v
              : v instanceof Uint8Array || v instanceof ArrayBuffer
                ? new TextDecoder().decode(v)
                : (JSON.stringify(v) ?? '');
          for (const [name, st] of [
            ['localStorage', localStorage],
            ['sessionStorage', sessionStorage],
          ]) {
            for (let i = 0; i < st.length; i++)
              out.push({ where: `${name}:${st.key(i)}`, text: st.getItem(st.key(i)) ?? '' });
          }
          for (const d of await indexedDB.databases()) {
            const db = await new Promise((res, rej) => {
              const q = indexedDB.open(d.name);
              q.onsuccess = () => res(q.result);
              q.onerror = () => rej(q.error);
            });
            for (const store of db.objectStoreNames) {
              const os = db.transaction(store, 'readonly').objectStore(store);
              const [keys, values] = await Promise.all(
                ['getAllKeys', 'getAll'].map(
                  (m) =>
                    new Promise((res) => {
                      const q = os[m]();
                      q.onsuccess = () => res(q.result);
                    }),
                ),
              );
              keys.forEach((k, i) =>
                out.push({ where: `indexedDB:${d.name}/${store}/${String(k)}`, text: text(values[i]) }),
              );
            }
            db.close();
          }
          return out;
        });
        const storeEntry = entries.find((e) => e.where === SECRET_STORE_ENTRY);
        if (!storeEntry?.text)
          problems.push(`the secret store ${SECRET_STORE_ENTRY} is missing: secrets are somewhere else`);
        const storePlain = storeEntry?.text ? needleHits(Buffer.from(storeEntry.text), needles).length > 0 : false;
        if (!entries.some((e) => e.text.includes('cockroachdb.cloudAccounts')))
          problems.push(
            "the extension's globalState was not among the browser storage read: the scan is not looking where VS Code keeps data",
          );
        let browserHits = 0;
        for (const e of entries) {
          if (e.where === SECRET_STORE_ENTRY) continue;
          const h = needleHits(Buffer.from(e.text, 'utf8'), needles);
          if (h.length) {
            browserHits++;
            problems.push(`${e.where}: ${h.join(', ')}`);
          }
        }
        report.push(
          `browser storage: ${entries.length} entries (secret store ${SECRET_STORE_ENTRY}: ${storeEntry?.text.length ?? 0} chars, ${storePlain ? 'plain text — allowed, it is the platform store' : 'no plain text'}), ${browserHits} with secrets`,
        );

        const logFiles = [...files(dirs.root)].filter((f) => /CockroachDB\.log$/.test(f));
        if (!logFiles.length) problems.push('no CockroachDB.log under the user-data logs: the log was not scanned');
        const logText = logFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
        if (!/signed in to Secrets sim/.test(logText))
          problems.push('the CockroachDB.log does not record the sign-in: wrong file?');
        report.push(
          `log files: ${logFiles.map((f) => path.relative(dirs.root, f)).join(', ')} (${logText.split('\n').length} lines)`,
        );

        const outHits = needleHits(Buffer.from(outputText, 'utf8'), needles);
        if (outHits.length) problems.push(`output channel: ${outHits.join(', ')}`);
        report.push(`output channel: ${outputText.split('\n').length} visible lines, ${outHits.length} hits`);

        if (profile) {
          const b = scanTree(profile, needles);
          report.push(
            `browser profile: ${b.scanned} files; secrets in: ${b.hits.map((h) => `${h.file} [${h.hits.join(', ')}]`).join('; ') || 'none'}`,
          );
          for (const h of b.hits)
            if (!ALLOWED.includes(h.file)) problems.push(`browser profile ${h.file}: ${h.hits.join(', ')}`);
        } else {
          report.push('browser profile: not found');
        }

        const vsix = path.join(projectRoot, 'cockroachdb-explorer.vsix');
        const contents = execFileSync('unzip', ['-p', vsix], { maxBuffer: 256 * 1024 * 1024 });
        const vsixHits = needleHits(contents, needles);
        if (vsixHits.length) problems.push(`.vsix: ${vsixHits.join(', ')}`);
        report.push(`.vsix: ${contents.length} bytes unzipped, ${vsixHits.length} hits`);

        console.log(`       secrets scan: ${report.join(' | ')}`);
        if (problems.length) throw new Error(`secrets found: ${problems.join(' ; ')}`);
      },
    );
  },
};

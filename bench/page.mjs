// What the webview benchmarks share: headless Chromium with the UI tier's flags, and a tiny
// local HTTP server for the bench pages and the shipped bundles (Chromium will not load
// module scripts from file://).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, projectRoot } from '../e2e/vscode.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

/** A bench page of bench/webview by its file name. */
export const benchPage = (name) => path.join(projectRoot, 'bench', 'webview', name);

/** Serves `routes` (URL path → file) and /dist/… from the build, on a free local port; nothing outside the project. */
export function servePages(routes) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x').pathname;
    const file = routes[url] ?? (url.startsWith('/dist/') ? path.join(projectRoot, path.normalize(url)) : undefined);
    if (!file || !file.startsWith(projectRoot) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile())
      return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

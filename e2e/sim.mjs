// Starts the simulated cluster as its own process (as `npm run sim` does) and
// resolves with its ready line: {clusterUrl, caFile, users, cloudUrl?, cloudApiKey?}.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot, OUT } from './vscode.mjs';

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');

export async function startSim(args = [], { logName = 'sim.log' } = {}) {
  const proc = spawn(tsx, [path.join(projectRoot, 'src', 'sim', 'main.ts'), '--port', '0', ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = fs.createWriteStream(path.join(OUT, logName));
  proc.stderr.pipe(log);
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulated cluster did not start within 30 s')), 30_000);
    const lines = readline.createInterface({ input: proc.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line));
      } catch (e) {
        reject(new Error(`unexpected ready line from the simulator: ${line} (${e.message})`));
      }
      lines.on('line', (l) => log.write(l + '\n'));
    });
    proc.on('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`the simulated cluster exited with ${c}; see ${path.join(OUT, logName)}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
    });
  return { ...ready, proc, stop };
}

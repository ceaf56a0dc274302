import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('cluster sim: CLI', () => {
  it('prints one ready line, serves, and exits cleanly on SIGTERM', async function () {
    this.timeout(20_000);
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, ['src/sim/main.ts', '--port', '0', '--nodes', '4', '--down-node', '2', '--seed', '5'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout! });
        rl.once('line', resolve);
        child.once('exit', (c) => reject(new Error(`exited early with ${c}`)));
      });
      const ready = JSON.parse(line) as {
        clusterUrl: string;
        users: Array<{ username: string; password: string; admin: boolean }>;
      };
      assert.match(ready.clusterUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const admin = ready.users.find((u) => u.admin)!;
      const login = await fetch(`${ready.clusterUrl}/api/v2/login/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: admin.username, password: admin.password }).toString(),
      });
      const token = ((await login.json()) as { session: string }).session;
      const nodes = (await (
        await fetch(`${ready.clusterUrl}/api/v2/nodes/`, { headers: { 'X-Cockroach-API-Session': token } })
      ).json()) as { nodes: Array<{ node_id: number; liveness_status: number }> };
      assert.equal(nodes.nodes.length, 4);
      assert.equal(nodes.nodes[1]!.liveness_status, 1);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects an unknown profile with a message and exit code 1', async () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, ['src/sim/main.ts', '--profile', 'v99'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(err, /--profile must be one of/);
  });
});

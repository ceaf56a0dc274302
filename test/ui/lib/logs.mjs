// The extension's own log ("CockroachDB" output channel) as VS Code wrote it under
// the sandbox's user-data logs folder.
import fs from 'node:fs';
import path from 'node:path';

export function extensionLog(root) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'CockroachDB.log') found.push(p);
    }
  };
  walk(path.join(root, 'user-data', 'logs'));
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

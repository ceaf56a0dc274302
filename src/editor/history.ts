// Statements run from the editor, per cluster, newest first: local only (global
// state), no results kept, and no secrets — a password literal is masked before
// the statement is kept (CREATE USER … WITH PASSWORD '…'), and so is anything
// the logger's redaction knows.
import type * as vscode from 'vscode';
import { redact } from '../util/redact';

const KEY = 'cockroachdb.sqlHistory';
const PER_CLUSTER = 100;

export interface HistoryEntry {
  sql: string;
  /** ISO time. */
  at: string;
  ok: boolean;
}

/** PASSWORD 'x', PASSWORD = 'x' and the like, in any case, with '' escapes inside the literal. */
export function maskPasswords(sql: string): string {
  return redact(sql.replace(/(\bPASSWORD\s*=?\s*)(?:'(?:[^']|'')*'|\$\$[\s\S]*?\$\$)/gi, "$1'********'"));
}

export class SqlHistory {
  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, HistoryEntry[]> {
    const v = this.state.get<unknown>(KEY);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, HistoryEntry[]>) : {};
  }

  list(clusterId: string): HistoryEntry[] {
    const list = this.all()[clusterId];
    return Array.isArray(list) ? list.filter((e) => typeof e?.sql === 'string') : [];
  }

  async add(clusterId: string, sql: string, ok: boolean): Promise<void> {
    const text = maskPasswords(sql.trim());
    if (!text) return;
    const all = this.all();
    const rest = (all[clusterId] ?? []).filter((e) => e.sql !== text);
    all[clusterId] = [{ sql: text, at: new Date().toISOString(), ok }, ...rest].slice(0, PER_CLUSTER);
    await this.state.update(KEY, all);
  }
}

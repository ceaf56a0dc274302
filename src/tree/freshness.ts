// When a section's rows were read and from which node, and whether the last
// refresh failed (then the rows are the previous ones, and the row says so in
// the warning colour instead of dropping what was there).
import * as vscode from 'vscode';
import { isApiError } from '../api/http/errors';
import { freshnessText, knownGateway } from '../clusters/gateway';
import type { ClusterConnection } from '../clusters/connections';

/**
 * Bumped when anyone signs in or out: rows read as one user are never shown (even as stale)
 * after the session changed, since they may be what the new user may not see.
 */
let sessionEpoch = 0;
export function sessionsChanged(): void {
  sessionEpoch++;
}

/** Failures a refresh may show old rows through: the cluster did not answer, not "you may not see this". */
function transient(e: unknown): boolean {
  return !(
    isApiError(e, 'unauthorized') ||
    isApiError(e, 'forbidden') ||
    isApiError(e, 'notAvailable') ||
    isApiError(e, 'notFound') ||
    isApiError(e, 'badRequest')
  );
}

export class Freshness {
  loadedAt: Date | undefined;
  stale: { at: Date; message: string } | undefined;
  private epoch = sessionEpoch;
  /** What the row showed when last rendered; the provider re-renders it when this moved. */
  rendered = '';

  loaded(at = new Date()): void {
    this.loadedAt = at;
    this.stale = undefined;
    this.epoch = sessionEpoch;
  }

  /** A refresh failed; true when earlier rows exist to keep showing. */
  failed(e: unknown, at = new Date()): boolean {
    if (!this.loadedAt || this.epoch !== sessionEpoch || !transient(e)) return false;
    this.stale = { at, message: e instanceof Error ? e.message : String(e) };
    return true;
  }

  /** Repeated failures keep the same signature, so a failing refresh does not re-render (and re-ask) in a loop. */
  get signature(): string {
    return `${this.stale ? 'stale' : 'fresh'}:${this.loadedAt?.getTime() ?? ''}`;
  }

  get changedSinceRender(): boolean {
    return this.signature !== this.rendered;
  }
}

export interface HasFreshness {
  readonly freshness: Freshness;
}

export function hasFreshness(v: unknown): v is HasFreshness {
  return typeof v === 'object' && v !== null && (v as Partial<HasFreshness>).freshness instanceof Freshness;
}

/** Adds "as of 10:42:13 from n1 (v25.2.4)" to the tooltip, and the stale state to the row. */
export function decorate(
  t: vscode.TreeItem,
  f: Freshness,
  entry: Pick<ClusterConnection, 'client'> | undefined,
): vscode.TreeItem {
  f.rendered = f.signature;
  if (!f.loadedAt || !entry) return t;
  const line = freshnessText(f.loadedAt, knownGateway(entry.client));
  const tip = t.tooltip instanceof vscode.MarkdownString ? t.tooltip : new vscode.MarkdownString('', true);
  if (typeof t.tooltip === 'string') tip.appendText(t.tooltip);
  if (tip.value) tip.appendMarkdown('\n\n');
  if (f.stale) {
    tip.appendMarkdown('$(warning) ');
    tip.appendText(
      vscode.l10n.t(
        'Refresh failed at {0}: {1}\n\nShowing the rows read {2}.',
        f.stale.at.toLocaleTimeString(),
        f.stale.message,
        line,
      ),
    );
    const icon = t.iconPath instanceof vscode.ThemeIcon ? t.iconPath.id : 'warning';
    t.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor('list.warningForeground'));
    t.description =
      typeof t.description === 'string' && t.description
        ? vscode.l10n.t('{0} · stale', t.description)
        : vscode.l10n.t('stale');
  } else {
    tip.appendText(line[0]!.toUpperCase() + line.slice(1));
  }
  t.tooltip = tip;
  return t;
}

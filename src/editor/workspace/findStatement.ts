// Find in Workspace: the places in workspace files that issue a statement — the
// statements of .sql files and SQL in the string literals of code — matched on the
// normalised text (src/domain/sqlInCode.ts), so a fingerprint from the cluster finds
// the code that sends it whatever its placeholders, case and spacing. One place
// opens at once, several are a quick pick of `file:line — snippet`, none says what
// was searched.
import * as vscode from 'vscode';
import { oneLine } from '../../domain/format';
import { findStatementSites, LineIndex, siteSnippet, statementQuery } from '../../domain/sqlInCode';
import type { Ui } from '../../ui/ui';
import { MAX_FILES, openPlace, scanWorkspace, SOURCE_INCLUDE, withCancellableProgress, type PlaceItem } from './scan';

export interface StatementPlace {
  uri: vscode.Uri;
  range: vscode.Range;
  /** Workspace-relative path. */
  path: string;
  snippet: string;
}

export interface StatementSearch {
  places: StatementPlace[];
  files: number;
  capped: boolean;
  cancelled: boolean;
}

/** Every place in the workspace that issues `statement` (fingerprint text or a plain query). */
export async function findStatementInWorkspace(
  statement: string,
  token: vscode.CancellationToken,
): Promise<StatementSearch> {
  const query = statementQuery(statement);
  if (!query) return { places: [], files: 0, capped: false, cancelled: false };
  const scan = await scanWorkspace(SOURCE_INCLUDE, (text, path) => findStatementSites(query, text, path), token);
  const places: StatementPlace[] = [];
  for (const file of scan.found) {
    const lines = new LineIndex(file.text);
    for (const site of file.items) {
      const a = lines.position(site.start);
      const b = lines.position(site.end);
      places.push({
        uri: file.uri,
        range: new vscode.Range(a.line, a.character, b.line, b.character),
        path: vscode.workspace.asRelativePath(file.uri),
        snippet: siteSnippet(site),
      });
    }
  }
  return { places, files: scan.files, capped: scan.capped, cancelled: scan.cancelled };
}

/** The quick-pick row of a place. */
export function placeItem(p: StatementPlace): PlaceItem {
  return {
    label: `${p.path}:${p.range.start.line + 1}`,
    description: p.snippet,
    uri: p.uri,
    range: p.range,
  };
}

/**
 * The command's flow: search under a cancellable progress, then open the one place, or ask
 * which of several, or say that there is none and what was searched. Resolves with the place
 * opened.
 */
export async function findInWorkspace(ui: Ui, statement: string): Promise<StatementPlace | undefined> {
  const shown = oneLine(statement, 70);
  if (!vscode.workspace.workspaceFolders?.length) {
    void ui.info(
      vscode.l10n.t(
        'Open a folder to find where "{0}" is issued: Find in Workspace searches the workspace\'s files.',
        shown,
      ),
    );
    return undefined;
  }
  if (!statementQuery(statement)) {
    void ui.info(vscode.l10n.t('There is no statement to look for: the text is empty or only a comment.'));
    return undefined;
  }
  const search = await withCancellableProgress(ui, vscode.l10n.t('Finding the statement in the workspace…'), (token) =>
    findStatementInWorkspace(statement, token),
  );
  if (search.cancelled) return undefined;
  const { places } = search;
  if (places.length === 0) {
    const { files } = search;
    void ui.info(
      search.capped
        ? files === 1
          ? vscode.l10n.t(
              '"{0}" is not in the workspace: searched {1} file (the first {2}; more were not searched) — .sql statements and SQL in string literals of code, compared on the normalised text (case, spacing, placeholders and literal lists do not matter).',
              shown,
              files,
              MAX_FILES,
            )
          : vscode.l10n.t(
              '"{0}" is not in the workspace: searched {1} files (the first {2}; more were not searched) — .sql statements and SQL in string literals of code, compared on the normalised text (case, spacing, placeholders and literal lists do not matter).',
              shown,
              files,
              MAX_FILES,
            )
        : files === 1
          ? vscode.l10n.t(
              '"{0}" is not in the workspace: searched {1} file — .sql statements and SQL in string literals of code, compared on the normalised text (case, spacing, placeholders and literal lists do not matter).',
              shown,
              files,
            )
          : vscode.l10n.t(
              '"{0}" is not in the workspace: searched {1} files — .sql statements and SQL in string literals of code, compared on the normalised text (case, spacing, placeholders and literal lists do not matter).',
              shown,
              files,
            ),
    );
    return undefined;
  }
  let chosen: StatementPlace | undefined = places[0];
  if (places.length > 1) {
    const items = places.map((p) => ({ ...placeItem(p), place: p }));
    const pick = await ui.pick(items, {
      title: vscode.l10n.t('"{0}" is issued in {1} places', shown, places.length),
      placeHolder: vscode.l10n.t('Open which place?'),
      matchOnDescription: true,
    });
    chosen = pick?.place;
  }
  if (!chosen) return undefined;
  await openPlace(chosen);
  return chosen;
}

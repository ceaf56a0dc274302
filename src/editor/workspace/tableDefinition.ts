// Go to Definition in Workspace: the CREATE TABLE that defines a table, in the
// workspace's SQL files and migrations (src/domain/schemaDefinitions.ts). Opens the
// file at the table's name; several definitions (a schema dump and the migration
// that created it, `IF NOT EXISTS` in several files) are a quick pick; none says
// what was searched.
import * as vscode from 'vscode';
import {
  displayTableName,
  findTableDefinitions,
  isMigrationPath,
  type TableTarget,
} from '../../domain/schemaDefinitions';
import { LineIndex } from '../../domain/sqlInCode';
import type { Ui } from '../../ui/ui';
import { MAX_FILES, openPlace, scanWorkspace, SCHEMA_INCLUDE, withCancellableProgress } from './scan';

export interface TablePlace {
  uri: vscode.Uri;
  range: vscode.Range;
  path: string;
  /** The statement's first line, as the quick pick shows it. */
  snippet: string;
  exact: boolean;
}

export async function findTableInWorkspace(
  target: TableTarget,
  token: vscode.CancellationToken,
): Promise<{ places: TablePlace[]; files: number; capped: boolean; cancelled: boolean }> {
  const scan = await scanWorkspace(SCHEMA_INCLUDE, (text, path) => findTableDefinitions(text, path, target), token);
  const places: TablePlace[] = [];
  for (const file of scan.found) {
    const lines = new LineIndex(file.text);
    for (const d of file.items) {
      const a = lines.position(d.start);
      const b = lines.position(d.end);
      const lineStart = d.start - a.character;
      const lineEnd = file.text.indexOf('\n', d.start);
      places.push({
        uri: file.uri,
        range: new vscode.Range(a.line, a.character, b.line, b.character),
        path: vscode.workspace.asRelativePath(file.uri),
        snippet: file.text
          .slice(lineStart, lineEnd < 0 ? undefined : lineEnd)
          .trim()
          .slice(0, 100),
        exact: d.exact,
      });
    }
  }
  // Definitions that name the table exactly first; among those, schema files before migrations' code.
  places.sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      Number(a.path.endsWith('.sql') === false) - Number(b.path.endsWith('.sql') === false) ||
      a.path.localeCompare(b.path) ||
      a.range.start.line - b.range.start.line,
  );
  return { places, files: scan.files, capped: scan.capped, cancelled: scan.cancelled };
}

/** The command's flow; resolves with the definition opened. */
export async function goToTableDefinition(ui: Ui, target: TableTarget): Promise<TablePlace | undefined> {
  const name = displayTableName(target);
  if (!vscode.workspace.workspaceFolders?.length) {
    void ui.info(
      vscode.l10n.t(
        "Open a folder to find the CREATE TABLE of {0}: the definition is looked for in the workspace's files.",
        name,
      ),
    );
    return undefined;
  }
  const search = await withCancellableProgress(ui, vscode.l10n.t('Finding the definition of {0}…', name), (token) =>
    findTableInWorkspace(target, token),
  );
  if (search.cancelled) return undefined;
  const { places } = search;
  if (places.length === 0) {
    const { files } = search;
    void ui.info(
      search.capped
        ? files === 1
          ? vscode.l10n.t(
              'No CREATE TABLE of {0} in the workspace: searched {1} file (the first {2}; more were not searched) — .sql files and the migrations in migrations/, db/migrate/, schema/, sql/, prisma/migrations, Flyway and Liquibase folders.',
              name,
              files,
              MAX_FILES,
            )
          : vscode.l10n.t(
              'No CREATE TABLE of {0} in the workspace: searched {1} files (the first {2}; more were not searched) — .sql files and the migrations in migrations/, db/migrate/, schema/, sql/, prisma/migrations, Flyway and Liquibase folders.',
              name,
              files,
              MAX_FILES,
            )
        : files === 1
          ? vscode.l10n.t(
              'No CREATE TABLE of {0} in the workspace: searched {1} file — .sql files and the migrations in migrations/, db/migrate/, schema/, sql/, prisma/migrations, Flyway and Liquibase folders.',
              name,
              files,
            )
          : vscode.l10n.t(
              'No CREATE TABLE of {0} in the workspace: searched {1} files — .sql files and the migrations in migrations/, db/migrate/, schema/, sql/, prisma/migrations, Flyway and Liquibase folders.',
              name,
              files,
            ),
    );
    return undefined;
  }
  let chosen: TablePlace | undefined = places[0];
  if (places.length > 1) {
    const items = places.map((p) => ({
      label: `${p.path}:${p.range.start.line + 1}`,
      description: p.snippet,
      detail: isMigrationPath(p.path) ? vscode.l10n.t('migration') : undefined,
      place: p,
    }));
    const pick = await ui.pick(items, {
      title: vscode.l10n.t('{0} is defined in {1} places', name, places.length),
      placeHolder: vscode.l10n.t('Open which definition?'),
      matchOnDescription: true,
    });
    chosen = pick?.place;
  }
  if (!chosen) return undefined;
  await openPlace(chosen);
  return chosen;
}

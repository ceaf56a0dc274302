// Reading workspace files for a search, off the extension host's hot path: the file
// list comes from vscode.workspace.findFiles (capped), files are read with
// vscode.workspace.fs (any file system, not only file:), a few at a time, and the
// matching runs in slices of a few milliseconds with a yield to the event loop in
// between, so other extensions and the UI keep running; cancelling stops it between
// slices. An open document is searched as the editor has it (unsaved edits too).
import * as vscode from 'vscode';
import { SQL_SOURCE_EXTENSIONS } from '../../domain/sqlInCode';
import type { Ui } from '../../ui/ui';

/** Every file whose SQL is looked for: .sql files and source files of the common languages. */
export const SOURCE_INCLUDE = `**/*.{${SQL_SOURCE_EXTENSIONS.join(',')}}`;

/** SQL files, and the code and changelogs of migration folders (where CREATE TABLE lives). */
export const SCHEMA_INCLUDE: readonly string[] = [
  '**/*.{sql,ddl,pgsql,psql}',
  '**/{migrations,migration,migrate,db,schema,schemas,sql,flyway,liquibase,changelog,changelogs,alembic,prisma}/**/*.{ts,js,mjs,cjs,py,rb,go,java,kt,cs,php,xml,yaml,yml}',
];

/** Build output, dependencies and VCS data are never searched. */
export const EXCLUDE =
  '**/{node_modules,.git,.hg,.svn,dist,build,out,vendor,target,bin,obj,coverage,.venv,venv,__pycache__,.next,.nuxt,.gradle,.idea}/**';

/** Searching more files than this is cut short (and says so). */
export const MAX_FILES = 5000;
/** Larger files are generated or data, not code someone wrote SQL in. */
export const MAX_FILE_BYTES = 1_000_000;
/** Time the scan may hold the event loop before it yields. */
const SLICE_MS = 8;
const READ_BATCH = 16;

export interface ScanResult<T> {
  found: Array<{ uri: vscode.Uri; text: string; items: T[] }>;
  /** Files searched. */
  files: number;
  /** More files matched the include than were searched. */
  capped: boolean;
  cancelled: boolean;
}

const yieldToHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const decoder = new TextDecoder('utf-8');

/** The text of a workspace file: the open document's if it is open, else the file's; undefined for binaries. */
async function readText(uri: vscode.Uri, open: Map<string, vscode.TextDocument>): Promise<string | undefined> {
  const doc = open.get(uri.toString());
  if (doc) return doc.getText();
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_FILE_BYTES) return undefined;
    if (bytes.subarray(0, 4096).includes(0)) return undefined;
    return decoder.decode(bytes);
  } catch {
    // Deleted since it was listed, or unreadable: not a place to show.
    return undefined;
  }
}

/**
 * Runs `visit` over every workspace file that `include` names, and keeps the files where it
 * found something. `visit` gets the path relative to the workspace (it names the language).
 */
export async function scanWorkspace<T>(
  include: string | readonly string[],
  visit: (text: string, path: string) => T[],
  token: vscode.CancellationToken,
): Promise<ScanResult<T>> {
  const result: ScanResult<T> = { found: [], files: 0, capped: false, cancelled: false };
  // One glob per findFiles: a {…} group of globs that themselves hold {…} is not one.
  const lists = await Promise.all(
    (typeof include === 'string' ? [include] : include).map((glob) =>
      vscode.workspace.findFiles(glob, EXCLUDE, MAX_FILES + 1, token),
    ),
  );
  const byKey = new Map<string, vscode.Uri>();
  for (const u of lists.flat()) byKey.set(u.toString(), u);
  const uris = [...byKey.values()];
  if (uris.length > MAX_FILES) {
    result.capped = true;
    uris.length = MAX_FILES;
  }
  // Stable order: the quick pick lists places by path.
  uris.sort((a, b) => a.path.localeCompare(b.path));
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  let sliceStart = Date.now();
  for (let i = 0; i < uris.length; i += READ_BATCH) {
    if (token.isCancellationRequested) {
      result.cancelled = true;
      return result;
    }
    const batch = uris.slice(i, i + READ_BATCH);
    const texts = await Promise.all(batch.map((u) => readText(u, open)));
    for (let k = 0; k < batch.length; k++) {
      const text = texts[k];
      const uri = batch[k]!;
      if (text === undefined) continue;
      result.files++;
      const items = visit(text, vscode.workspace.asRelativePath(uri, false));
      if (items.length) result.found.push({ uri, text, items });
      if (Date.now() - sliceStart > SLICE_MS) {
        await yieldToHost();
        sliceStart = Date.now();
        if (token.isCancellationRequested) {
          result.cancelled = true;
          return result;
        }
      }
    }
  }
  return result;
}

/** A quick-pick row for a place: `path:line — snippet`, opening the file with the range selected. */
export interface PlaceItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
  range: vscode.Range;
}

/** Opens a place with its range selected (and revealed in the middle of the editor). */
export async function openPlace(place: { uri: vscode.Uri; range: vscode.Range }): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(place.uri, { selection: place.range, preview: true });
  editor.revealRange(place.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** Runs a search under a cancellable progress notification; the AbortSignal becomes a CancellationToken. */
export function withCancellableProgress<T>(
  ui: Ui,
  title: string,
  task: (token: vscode.CancellationToken) => Promise<T>,
): Promise<T> {
  return ui.progress(
    title,
    async (signal) => {
      const source = new vscode.CancellationTokenSource();
      const onAbort = (): void => source.cancel();
      if (signal.aborted) source.cancel();
      signal.addEventListener('abort', onAbort);
      try {
        return await task(source.token);
      } finally {
        signal.removeEventListener('abort', onAbort);
        source.dispose();
      }
    },
    { cancellable: true },
  );
}

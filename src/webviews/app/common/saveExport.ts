// Export from any panel: the front end builds the content of what it shows, the
// host asks where to write it; the status line says what happened.
import * as l10n from '@vscode/l10n';
import type { ExportFormat } from '../../protocol/messages';
import { request } from './vscodeApi';

export async function saveView(
  status: HTMLElement,
  what: { format: ExportFormat; content: string; suggestedName: string; rows: number },
): Promise<void> {
  status.textContent = '';
  try {
    const r = await request('saveExport', {
      format: what.format,
      content: what.content,
      suggestedName: what.suggestedName,
    });
    status.textContent = r.saved
      ? r.path !== undefined
        ? l10n.t('Exported {0} rows to {1}', what.rows, r.path)
        : l10n.t('Exported {0} rows to the file', what.rows)
      : l10n.t('Export cancelled');
    status.dataset.saved = String(r.saved);
  } catch (e) {
    status.textContent = l10n.t('Export failed: {0}', e instanceof Error ? e.message : String(e));
  }
}

// Export from any panel: the front end builds the content of what it shows, the
// host asks where to write it; the status line says what happened.
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
    status.textContent = r.saved ? `Exported ${what.rows} rows to ${r.path ?? 'the file'}` : 'Export cancelled';
    status.dataset.saved = String(r.saved);
  } catch (e) {
    status.textContent = `Export failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

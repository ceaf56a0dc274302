// The words of a panel's provenance line: when its data was read and which node
// answered ("as of 10:42:13 from n1 (v25.2.4)"), and, after a refresh that failed
// while that data stayed on screen, when and why. Text only (no DOM): stale.ts
// puts it on the page, and the unit tests read it as is.
import * as l10n from '@vscode/l10n';
import { oneLine } from '../../../domain/format';
import type { Origin } from '../../protocol/data';
import type { Provenance } from '../../protocol/workload';

/** Long error bodies (an HTML page from a proxy) would push the line off screen. */
const MESSAGE_MAX = 300;

/** A time of day in the viewer's locale; text that is no time is shown as it came. */
function clock(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? String(at) : d.toLocaleTimeString();
}

/** "as of 10:42:13 from n1 (v25.2.4)"; "as of 10:42:13 via host:26257" while the node has not said which it is. */
export function freshnessText(at: string, o: Origin): string {
  const time = clock(at);
  if (o.node) return l10n.t('as of {0} from {1}', time, o.node);
  if (o.via) return l10n.t('as of {0} via {1}', time, o.via);
  return l10n.t('as of {0}', time);
}

/** The SQL panels' line: the above, then the SQL level (when no node build is named) and the view the rows came from. */
export function workloadProvenanceText(p: Provenance): string {
  const parts = [freshnessText(p.fetchedAt, p)];
  // The node's build (n1 (v25.2.4)) says more than the level the queries were planned for.
  if (p.version && !p.node) parts.push(p.version);
  if (p.source) parts.push(p.source);
  return parts.join(' · ');
}

/** Appended to the line while the data on screen is older than a failed refresh. */
export function staleText(at: Date, message: string): string {
  return ` · ${l10n.t('refresh failed at {0}: {1}', clock(at), oneLine(message, MESSAGE_MAX))}`;
}

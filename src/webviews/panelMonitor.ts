// What the panels of this activation exchanged with their webviews: CSP violations,
// message counts by type and the last exchanges (type, method, outcome; never
// payloads). Owned by the composition root and exposed to the extension-host tests.
import type { PanelKind } from './protocol/messages';

export interface Exchange {
  panel: PanelKind;
  dir: 'in' | 'out';
  type: string;
  method?: string;
  ok?: boolean;
}

const KEEP = 500;

export class PanelMonitor {
  /** CSP violations reported by any panel (tests assert it stays 0). */
  cspViolations = 0;
  /** Every message a webview posted, by type. */
  readonly received = new Map<string, number>();
  /** The last exchanges, oldest first. */
  readonly exchanges: Exchange[] = [];

  record(e: Exchange): void {
    this.exchanges.push(e);
    if (this.exchanges.length > KEEP) this.exchanges.splice(0, 100);
    if (e.dir === 'in') this.received.set(e.type, (this.received.get(e.type) ?? 0) + 1);
  }
}

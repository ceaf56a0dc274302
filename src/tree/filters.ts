// Filters set with "Filter…" on a section row. Kept by section id so that a
// refresh (which rebuilds the rows) keeps them. No vscode import.
import * as l10n from '@vscode/l10n';
import type { NodeStatus, Session } from '../api/cluster/models';
import { LIVENESS_LABEL } from '../domain/liveness';
import { localityText } from '../domain/locality';

export interface NodeFilter {
  locality?: string;
  liveness?: string;
}
export interface SessionFilter {
  user?: string;
  application?: string;
  status?: string;
}
export interface RangeFilter {
  rangeIds?: number[];
}
export type AnyFilter = NodeFilter | SessionFilter | RangeFilter;

export class FilterStore {
  private readonly filters = new Map<string, AnyFilter>();

  get<T extends AnyFilter>(sectionId: string): T | undefined {
    return this.filters.get(sectionId) as T | undefined;
  }

  set(sectionId: string, filter: AnyFilter | undefined): void {
    if (
      !filter ||
      Object.values(filter).every((v) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
    ) {
      this.filters.delete(sectionId);
    } else {
      this.filters.set(sectionId, filter);
    }
  }
}

const contains = (hay: string, needle: string | undefined) =>
  !needle || hay.toLowerCase().includes(needle.toLowerCase());

export function matchNode(n: NodeStatus, f: NodeFilter | undefined): boolean {
  if (!f) return true;
  return (
    contains(localityText(n.locality), f.locality) &&
    (!f.liveness || LIVENESS_LABEL[n.liveness] === f.liveness || n.liveness === f.liveness)
  );
}

export function matchSession(s: Session, f: SessionFilter | undefined): boolean {
  if (!f) return true;
  return (
    contains(s.username, f.user) && contains(s.applicationName, f.application) && (!f.status || s.status === f.status)
  );
}

/** What a row's description calls a filter's field. */
function fieldWords(field: string): string {
  switch (field) {
    case 'locality':
      return l10n.t('locality');
    case 'liveness':
      return l10n.t('liveness');
    case 'user':
      return l10n.t('user');
    case 'application':
      return l10n.t('application');
    case 'status':
      return l10n.t('status');
    case 'rangeIds':
      return l10n.t('ranges');
    default:
      return field;
  }
}

export function describeFilter(f: AnyFilter | undefined): string {
  if (!f) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    parts.push(`${fieldWords(k)}: ${Array.isArray(v) ? v.join(',') : String(v)}`);
  }
  return parts.length ? l10n.t('filter {0}', parts.join(' · ')) : '';
}

/** "12, 40-42" → [12, 40, 41, 42]; undefined when the text is not a list of range ids. */
export function parseRangeIds(text: string): number[] | undefined {
  const out: number[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (b < a || b - a > 1000) return undefined;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out.length ? out : undefined;
}

// The two paging schemes of the Cluster API (§1.5 of the reference):
//   offset: `limit`/`offset`, integer `next` omitted when exhausted;
//   cursor: `limit`/`start`, string `next` that is present even on the last page.
import { num, obj } from './values';

export interface DecodedCursor {
  doneNodeIds: number[];
  inProgressNodeId: number;
  index: number;
  pendingNodeIds: number[];
}

function idList(s: string): number[] | undefined {
  const parts = s.split(',').filter((p) => p !== '');
  if (!parts.every((p) => /^\d+$/.test(p))) return undefined;
  return parts.map(Number);
}

/**
 * URL-safe base64 of `<done ids>,|<in-progress node>|<index>|<pending ids>,`
 * (e.g. `1,2,3,|0|0|`). Returns undefined for anything else (opaque or integer
 * cursors from other servers).
 */
export function decodeCursor(cursor: string): DecodedCursor | undefined {
  if (!/^[A-Za-z0-9_\-+/]+=*$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  const parts = text.split('|');
  if (parts.length !== 4) return undefined;
  const [doneText = '', inProgressText = '', indexText = '', pendingText = ''] = parts;
  const done = idList(doneText);
  const pending = idList(pendingText);
  if (!done || !pending || !/^\d+$/.test(inProgressText) || !/^\d+$/.test(indexText)) return undefined;
  return {
    doneNodeIds: done,
    inProgressNodeId: Number(inProgressText),
    index: Number(indexText),
    pendingNodeIds: pending,
  };
}

/** The inverse of decodeCursor (used by tests and by callers that resume a walk). */
export function encodeCursor(c: DecodedCursor): string {
  const list = (ids: number[]): string => ids.map((i) => `${i},`).join('');
  const text = `${list(c.doneNodeIds)}|${c.inProgressNodeId}|${c.index}|${list(c.pendingNodeIds)}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * The cursor for the next page, or undefined when the walk is done:
 * a short page ends it; so does a cursor saying no node is in progress and none
 * is pending. A cursor we cannot decode is followed only after a full page (the
 * caller's loop guard stops repeats), so an unknown format cannot end a walk early
 * nor loop forever.
 */
export function nextCursor(next: string | undefined, itemCount: number, limit: number): string | undefined {
  if (next === undefined || next === '') return undefined;
  if (limit > 0 && itemCount < limit) return undefined;
  const decoded = decodeCursor(next);
  if (decoded && decoded.inProgressNodeId === 0 && decoded.pendingNodeIds.length === 0) return undefined;
  return next;
}

/**
 * Offset `next` from a body. Absent/0 means exhausted; a value not beyond the
 * current offset would re-read the same page, so it is treated as exhausted too.
 */
export function nextOffset(body: unknown, currentOffset: number): number | undefined {
  const next = num(obj(body).next, 0);
  return next > currentOffset ? next : undefined;
}

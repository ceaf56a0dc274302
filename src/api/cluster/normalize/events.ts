// events/ → ClusterEvent (system.eventlog rows, newest first, redacted).
import type { ClusterEvent } from '../models';
import { arr, date, obj, optNum, optStr, str } from './values';

function normalizeEvent(v: unknown): ClusterEvent {
  const e = obj(v);
  const event: ClusterEvent = { eventType: str(e.event_type) };
  const ts = date(e.timestamp);
  if (ts) event.timestamp = ts;
  const target = optNum(e.target_id);
  if (target !== undefined) event.targetId = target;
  const reporting = optNum(e.reporting_id);
  if (reporting !== undefined) event.reportingId = reporting;
  const info = optStr(e.info);
  if (info) event.info = info;
  // `unique_id` is base64 bytes; kept as sent (it is only used as a stable key).
  const unique = optStr(e.unique_id);
  if (unique) event.uniqueId = unique;
  return event;
}

export function normalizeEvents(body: unknown): ClusterEvent[] {
  return arr(obj(body).events).map(normalizeEvent);
}

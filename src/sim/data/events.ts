// The event log (system.eventlog as `events/` returns it), newest first.

import { K, rngFor } from '../prng';
import { EMOJI, TEMPLATE, XSS_IMG, XSS_SCRIPT } from './hostile';
import { SECOND, nanosToRfc3339 } from './time';
import type { Topology } from './topology';

export const EVENT_COUNT = 240;

const TYPES = [
  'create_table',
  'drop_table',
  'alter_table',
  'create_database',
  'set_cluster_setting',
  'node_join',
  'node_restart',
  'grant_privilege',
  'create_index',
];

export interface EventModel {
  eventType: string;
  targetId: number;
  wire: Record<string, unknown>;
}

/** Event `i` (0 = newest). */
export function eventModel(t: Topology, i: number): EventModel {
  const rng = rngFor(t.seed, K.event, i);
  const eventType = rng.pick(TYPES);
  const nodeId = rng.int(1, t.nodeCount);
  const targetId = eventType.startsWith('node_') ? nodeId : rng.int(104, 130);
  const ts = t.baseNanos - BigInt(i * 397 + rng.int(0, 300)) * SECOND;
  const hostile = i % 7 === 3;
  const infoObj: Record<string, unknown> = {
    Timestamp: Number(ts),
    EventType: eventType,
    User: hostile ? XSS_SCRIPT : rng.pick(['root', 'admin', 'app_user']),
    Statement: hostile
      ? `CREATE TABLE movr.public."${XSS_SCRIPT}" (note STRING DEFAULT '${XSS_IMG}') -- ${TEMPLATE}`
      : `‹×›`,
    TableName: hostile ? `movr.public.${XSS_IMG}` : `movr.public.t_${targetId}`,
    ApplicationName: hostile ? EMOJI : '$ cockroach sql',
  };
  if (eventType === 'set_cluster_setting')
    Object.assign(infoObj, { SettingName: 'kv.rangefeed.enabled', Value: 'true' });
  const unique = Buffer.alloc(16);
  unique.writeUInt32BE(i, 0);
  unique.writeUInt32BE(rng.int(0, 2 ** 31), 4);
  unique.writeUInt32BE(t.seed >>> 0, 12);
  return {
    eventType,
    targetId,
    wire: {
      timestamp: nanosToRfc3339(ts),
      event_type: eventType,
      target_id: targetId,
      reporting_id: nodeId,
      info: JSON.stringify(infoObj),
      unique_id: unique.toString('base64'),
    },
  };
}

// What the Hot ranges panel remembers across hides and window reloads (webview
// state): the cluster id the serializer restores from, and the user's view
// choices. Read back defensively: it is JSON written by an older build maybe.
import { isHotColumnKey, type HotColumnKey } from '../../model/columns';
import type { HotFilter } from '../../model/filter';
import type { RollupColumnKey, RollupLevel } from '../../model/rollup';
import { ROLLUP_COLUMNS } from '../../model/rollup';
import type { SortSpec } from '../../model/sort';

export type Tab = 'ranges' | 'tables';

export interface HotViewState {
  clusterId?: string;
  tab: Tab;
  sort: SortSpec<HotColumnKey>;
  rollupSort: SortSpec<RollupColumnKey>;
  rollupLevel: RollupLevel;
  filter: HotFilter;
  /** Server-side node filter (`node_id`); undefined = all nodes. */
  serverNodeId?: number;
  autoRefresh: boolean;
  intervalSec: number;
}

export const INTERVALS = [10, 30, 60, 300];

export const DEFAULT_STATE: HotViewState = {
  tab: 'ranges',
  sort: { key: 'qps', dir: 'desc' },
  rollupSort: { key: 'qps', dir: 'desc' },
  rollupLevel: 'table',
  filter: {},
  autoRefresh: false,
  intervalSec: 30,
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const posInt = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined;
const dir = (v: unknown): 'asc' | 'desc' => (v === 'asc' ? 'asc' : 'desc');

export function readState(raw: Partial<Record<keyof HotViewState, unknown>>): HotViewState {
  const s = raw.sort as Partial<SortSpec> | undefined;
  const rs = raw.rollupSort as Partial<SortSpec> | undefined;
  const f = (raw.filter ?? {}) as Record<string, unknown>;
  const filter: HotFilter = {};
  if (str(f.database)) filter.database = str(f.database)!;
  if (str(f.table)) filter.table = str(f.table)!;
  if (str(f.index)) filter.index = str(f.index)!;
  if (posInt(f.nodeId)) filter.nodeId = posInt(f.nodeId)!;
  if (str(f.text)) filter.text = str(f.text)!;
  const clusterId = str(raw.clusterId);
  const serverNodeId = posInt(raw.serverNodeId);
  return {
    ...(clusterId ? { clusterId } : {}),
    tab: raw.tab === 'tables' ? 'tables' : 'ranges',
    sort: s && isHotColumnKey(s.key) ? { key: s.key, dir: dir(s.dir) } : DEFAULT_STATE.sort,
    rollupSort:
      rs && ROLLUP_COLUMNS.some((c) => c.key === rs.key)
        ? { key: rs.key as RollupColumnKey, dir: dir(rs.dir) }
        : DEFAULT_STATE.rollupSort,
    rollupLevel: raw.rollupLevel === 'index' ? 'index' : 'table',
    filter,
    ...(serverNodeId ? { serverNodeId } : {}),
    autoRefresh: raw.autoRefresh === true,
    intervalSec: INTERVALS.includes(raw.intervalSec as number)
      ? (raw.intervalSec as number)
      : DEFAULT_STATE.intervalSec,
  };
}

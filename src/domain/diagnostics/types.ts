// What a diagnostics snapshot is made from, and the JSON it writes. Split from
// snapshot.ts so sections.ts and markdown.ts can share the shapes.
import type { NodeStatus } from '../../api/cluster/models';
import type { ChartData, FigureSource, FigureState, OverviewPayload } from '../overview/types';
import type { RuleResult } from '../health/types';

export interface SnapshotInput {
  clusterName: string;
  takenAt: Date;
  source: FigureSource;
  overview?: OverviewPayload;
  nodes?: NodeStatus[];
  rules: RuleResult[];
  hotRanges?: Array<{
    rangeId: number;
    nodeId: number;
    qps: number;
    table?: string;
    database?: string;
    index?: string;
  }>;
  statements?: Array<{
    query: string;
    appName: string;
    executionCount: number;
    meanLatencySeconds?: number;
    p99LatencySeconds?: number;
  }>;
  insights?: Array<{ headline: string; query?: string; at?: string; cause?: string }>;
  jobs?: Array<{
    id: string;
    type: string;
    status: string;
    description: string;
    error?: string;
    fractionCompleted?: number;
  }>;
  events?: Array<{ timestamp: string; eventType: string; info?: string }>;
  series?: ChartData[];
  /** Section → why it is missing. */
  unavailable: Record<string, string>;
}

export interface SnapshotOptions {
  /** Keep statements' literal values (the user opted in); secrets are masked regardless. */
  includeSqlLiterals: boolean;
  /** Exact values to mask wherever they appear: the session token, API keys. */
  secrets: string[];
}

export type SectionId =
  'overview' | 'nodes' | 'rules' | 'hotRanges' | 'statements' | 'insights' | 'jobs' | 'events' | 'series';

export interface SnapshotNode {
  nodeId: number;
  address: string;
  sqlAddress: string;
  locality: string;
  version: string;
  liveness: string;
  startedAt: string;
  updatedAt: string;
}

export interface SnapshotCard {
  label: string;
  value: string;
  detail?: string;
  state: FigureState;
  unavailable?: string;
  source: string;
}

type Item<K extends keyof SnapshotInput> = NonNullable<SnapshotInput[K]> extends Array<infer T> ? T : never;

export interface SnapshotJson {
  format: 'cockroachdb-explorer.diagnostics';
  version: 1;
  note: string;
  cluster: string;
  takenAt: string;
  source: FigureSource;
  redaction: { sqlLiterals: 'replaced with _' | 'kept'; secrets: 'masked' };
  rules: Array<Pick<RuleResult, 'id' | 'title' | 'state' | 'summary' | 'value' | 'details'>>;
  overview: { cards: SnapshotCard[]; nodes: OverviewPayload['nodes'] } | null;
  nodes: SnapshotNode[] | null;
  hotRanges: Array<Item<'hotRanges'>> | null;
  hotTables: Array<{ database?: string; table: string; qps: number; ranges: number; nodeIds: number[] }> | null;
  statements: Array<Item<'statements'>> | null;
  insights: Array<Item<'insights'>> | null;
  jobs: { running: Array<Item<'jobs'>>; failed: Array<Item<'jobs'>> } | null;
  events: Array<Item<'events'>> | null;
  /** The last hour of each chart, aligned arrays as the overview panel draws them. */
  series: ChartData[] | null;
  /** Section → why it is missing, including partial failures (e.g. some nodes' hot ranges). */
  unavailable: Record<string, string>;
}

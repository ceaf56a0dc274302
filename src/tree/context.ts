// What every tree row may use: clusters, sign-in state, filters and paging.
import type { AuthService } from '../auth/authService';
import type { ConnectionManager } from '../clusters/connections';
import type { ScopedLogger } from '../util/logger';
import type { FilterStore } from './filters';
import type { TreeNode } from './treeNode';

export interface ExplorerContext {
  readonly connections: ConnectionManager;
  readonly auth: AuthService;
  readonly filters: FilterStore;
  readonly log: ScopedLogger;
  pageSize(): number;
  /** Re-renders a row (and reloads its children if it was reset). */
  refresh(node?: TreeNode): void;
  /** Renders a row again without reloading its children (a filter applied to what is loaded). */
  rerender(node: TreeNode): void;
  /** Active cluster id, marked in the tree. */
  activeClusterId(): string | undefined;
}

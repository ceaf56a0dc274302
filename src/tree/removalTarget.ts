// Which settings layer Remove takes a cluster out of. The explorer reads the cluster
// list from one layer only (see pickTrusted in ../config/schema): the most specific
// one that sets it, or the user's own when the workspace is not trusted. That layer
// is the one to edit. Free of vscode, so the rule is unit-tested.
import type { ClusterLayers, ClusterSetting, ConfigScope } from '../config/config';
import { normaliseOrigin } from '../clusters/origin';

export type RemovalTarget =
  /** Write `kept` to `scope`; `undefined` takes the key out of that layer. */
  | { readonly kind: 'settings'; readonly scope: ConfigScope; readonly kept: ClusterSetting[] | undefined }
  /** Only a workspace layer lists it, and an untrusted workspace's layers are ignored. */
  | { readonly kind: 'untrusted'; readonly scope: Exclude<ConfigScope, 'global'> }
  /** No layer lists it any more (the file was edited since the tree was drawn). */
  | { readonly kind: 'notListed' };

const WORKSPACE_LAYERS = ['workspaceFolder', 'workspace'] as const;

function isEntryOf(entry: ClusterSetting, origin: string): boolean {
  try {
    return normaliseOrigin(entry.url) === origin;
  } catch {
    return false;
  }
}

export function removalTarget(layers: ClusterLayers, trusted: boolean, origin: string): RemovalTarget {
  const read = (trusted && WORKSPACE_LAYERS.find((s) => layers[s] !== undefined)) || 'global';
  const list = layers[read] ?? [];
  const kept = list.filter((c) => !isEntryOf(c, origin));
  if (kept.length < list.length)
    // A workspace layer replaces the user's list rather than adding to it: an empty one
    // left behind would hide the user's own clusters in this workspace, so the key goes.
    return { kind: 'settings', scope: read, kept: kept.length || read === 'global' ? kept : undefined };
  const ignored = trusted ? undefined : WORKSPACE_LAYERS.find((s) => layers[s]?.some((c) => isEntryOf(c, origin)));
  return ignored ? { kind: 'untrusted', scope: ignored } : { kind: 'notListed' };
}

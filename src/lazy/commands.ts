// dist/commands.js: the commands of the tree, the clusters and Cloud accounts, sessions,
// the status bar and the walkthrough. Loaded on the first of them to run.
import './l10nHost';
import { caFileCommands } from '../commands/caFileCommands';
import { cloudCommands } from '../commands/cloudCommands';
import { clusterCommands } from '../commands/clusterCommands';
import { sessionCommands } from '../commands/sessionCommands';
import { statusCommands } from '../commands/statusCommands';
import { viewCommands } from '../commands/viewCommands';
import { virtualClusterCommands } from '../commands/virtualClusterCommands';
import { walkthroughCommands } from '../walkthrough';
import type { BundleTable } from './commandBundles';
import type { Core } from './core';

export function commands(core: Core): BundleTable<'commands'> {
  const { connections, auth, tree, ui, cloud, docs, logger, status, active } = core;
  return {
    ...clusterCommands({ connections, auth, tree, ui }),
    ...cloudCommands({ accounts: cloud, ui }),
    ...viewCommands({ connections, ui, tree, docs, logger }),
    ...sessionCommands({ ui }),
    ...statusCommands({ connections, status, active, ui }),
    ...virtualClusterCommands({ connections, ui }),
    ...caFileCommands({ connections, ui, tree }),
    ...walkthroughCommands(),
  };
}

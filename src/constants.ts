// Ids that the manifest (package.json) and the code must agree on. The
// extension-host tests check that every command here is declared and registered.

export const EXTENSION_ID = 'cockroachdb-explorer.cockroachdb-explorer';
export const VIEW_ID = 'cockroachdb.explorer';

export const Commands = {
  addCluster: 'cockroachdb.addCluster',
  addCloudAccount: 'cockroachdb.addCloudAccount',
  remove: 'cockroachdb.remove',
  signIn: 'cockroachdb.signIn',
  signOut: 'cockroachdb.signOut',
  refresh: 'cockroachdb.refresh',
  refreshNode: 'cockroachdb.refreshNode',
  selectActiveCluster: 'cockroachdb.selectActiveCluster',
  showHotRanges: 'cockroachdb.showHotRanges',
  showRangeDetails: 'cockroachdb.showRangeDetails',
  filter: 'cockroachdb.filter',
  clearFilter: 'cockroachdb.clearFilter',
  cancelQuery: 'cockroachdb.cancelQuery',
  cancelSession: 'cockroachdb.cancelSession',
  copyAddress: 'cockroachdb.copyAddress',
  copyId: 'cockroachdb.copyId',
  copyConnectionString: 'cockroachdb.copyConnectionString',
  openDbConsole: 'cockroachdb.openDbConsole',
  showAlertingRules: 'cockroachdb.showAlertingRules',
  showTableDetails: 'cockroachdb.showTableDetails',
  showLogs: 'cockroachdb.showLogs',
  loadMore: 'cockroachdb.loadMore',
  retry: 'cockroachdb.retry',
  statusBarMenu: 'cockroachdb.statusBarMenu',
  selectVirtualCluster: 'cockroachdb.selectVirtualCluster',
  changeCaFile: 'cockroachdb.changeCaFile',
  showSqlActivity: 'cockroachdb.showSqlActivity',
  showStatementDetails: 'cockroachdb.showStatementDetails',
  openAsSql: 'cockroachdb.openAsSql',
  chooseWorkloadView: 'cockroachdb.chooseWorkloadView',
  cancelBlockingSession: 'cockroachdb.cancelBlockingSession',
  showJobDetails: 'cockroachdb.showJobDetails',
  copyPauseJob: 'cockroachdb.copyPauseJob',
  copyResumeJob: 'cockroachdb.copyResumeJob',
  copyCancelJob: 'cockroachdb.copyCancelJob',
  runSql: 'cockroachdb.runSql',
  explainSql: 'cockroachdb.explainSql',
  explainAnalyzeSql: 'cockroachdb.explainAnalyzeSql',
  cancelSqlRun: 'cockroachdb.cancelSqlRun',
  chooseEditorCluster: 'cockroachdb.chooseEditorCluster',
  showSqlHistory: 'cockroachdb.showSqlHistory',
  findInWorkspace: 'cockroachdb.findInWorkspace',
  goToTableDefinition: 'cockroachdb.goToTableDefinition',
  showOverview: 'cockroachdb.showOverview',
  saveDiagnosticsSnapshot: 'cockroachdb.saveDiagnosticsSnapshot',
  openWalkthrough: 'cockroachdb.openWalkthrough',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ContextKeys = {
  hasClusters: 'cockroachdb.hasClusters',
  sqlRunning: 'cockroachdb.sqlRunning',
  // What the walkthrough's steps complete on (contributes.walkthroughs): set once the thing happened.
  signedInOnce: 'cockroachdb.signedInOnce',
  openedHotRanges: 'cockroachdb.openedHotRanges',
  openedSqlActivity: 'cockroachdb.openedSqlActivity',
  ranSql: 'cockroachdb.ranSql',
} as const;

/** contributes.walkthroughs[0].id; VS Code names it `${EXTENSION_ID}#${WALKTHROUGH_ID}`. */
/** The webview panels' types (`onWebviewPanel:` events, serializers, tabs), here so naming one loads no panel code. */
export const PanelTypes = {
  hotRanges: 'cockroachdb.hotRanges',
  overview: 'cockroachdb.overview',
  rangeDetails: 'cockroachdb.rangeDetails',
  sqlActivity: 'cockroachdb.sqlActivity',
  sqlResults: 'cockroachdb.sqlResults',
  statementDetails: 'cockroachdb.statementDetails',
} as const;

export const WALKTHROUGH_ID = 'cockroachdb.getStarted';

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
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ContextKeys = {
  hasClusters: 'cockroachdb.hasClusters',
  sqlRunning: 'cockroachdb.sqlRunning',
} as const;

// Public surface of the Cloud API layer. Models are camelCase (see models.ts).
export { CloudClient, allPages, collect, type ClusterListQuery } from './client';
export { CC_VERSION, DEFAULT_CLOUD_URL, type CallOptions, type CloudClientOptions } from './http';
export {
  clusterApiUrlFor,
  clusterClientOptionsFor,
  connectToAdvancedCluster,
  hasDbConsole,
  NO_DB_CONSOLE_MESSAGE,
  type AdvancedLogin,
} from './advanced';
export { REQUIRED_ROLES, describeRoles, type CloudOperation } from './roles';
export { SlidingWindowLimiter, limiterForKey, forgetLimiter, systemClock, type Clock } from './rateLimit';
export * from './models';

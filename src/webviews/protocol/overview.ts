// Payloads of the Cluster overview panel: the domain's overview types, as they
// cross to the webview (plain JSON, times as ISO text or Unix seconds).
export type * from '../../domain/overview/types';

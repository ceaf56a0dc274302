// The API clients as their own bundle (dist/api.js). The extension loads it on the
// first request, so activation neither parses nor runs axios, the YAML parser or
// the clients themselves.
export { ClusterClient } from './cluster/client';
export { CloudClient } from './cloud/client';

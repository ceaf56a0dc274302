// The webview's end of the protocol: the VS Code API object (kept private to
// this module, as the docs require), typed requests with correlation ids, the
// ready handshake and CSP-violation reporting.
import {
  isHostToWebview,
  type Failure,
  type HostToWebview,
  type ParamsOf,
  type RequestMethod,
  type ResultOf,
  type WebviewToHost,
} from '../../protocol/messages';

interface VsCodeApi {
  postMessage(m: WebviewToHost): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export class RequestError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

let lastReq = 0;
const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

export function post(m: WebviewToHost): void {
  api.postMessage(m);
}

export function request<M extends RequestMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const req = ++lastReq;
  return new Promise<ResultOf<M>>((resolve, reject) => {
    pending.set(req, { resolve: resolve as (v: unknown) => void, reject });
    api.postMessage({ type: 'request', req, method, params } as WebviewToHost);
  });
}

export function getState<T extends object>(): Partial<T> {
  const s = api.getState();
  return s && typeof s === 'object' ? (s as Partial<T>) : {};
}

/** Merges into the saved state; the host's serializer reads `clusterId` (and `rangeId`) from it. */
export function patchState(patch: object): void {
  api.setState({ ...getState(), ...patch });
}

export type HostEvent = Exclude<HostToWebview, { type: 'reply' }>;

/**
 * Starts listening, then says ready: the host holds its messages until then,
 * so none is lost to a listener that does not exist yet.
 */
export function connect(onEvent: (m: HostEvent) => void): void {
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    const m = e.data;
    if (!isHostToWebview(m)) return;
    if (m.type !== 'reply') return onEvent(m);
    const p = pending.get(m.req);
    if (!p) return;
    pending.delete(m.req);
    if (m.ok) p.resolve(m.result);
    else p.reject(new RequestError(m.error));
  });
  let violations = 0;
  document.addEventListener('securitypolicyviolation', (e) => {
    // Also on the page, so UI tests that look into the frame can assert none occurred.
    document.body.dataset.cspViolations = String(++violations);
    post({ type: 'cspViolation', directive: e.violatedDirective, blocked: e.blockedURI });
  });
  post({ type: 'ready' });
}

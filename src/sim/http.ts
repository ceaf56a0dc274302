// Response helpers reproducing Go's http.Error and apiutil.WriteJSONResponse.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { toJson } from './json';
import type { SimProfile } from './types';

export const MSG_INTERNAL =
  'An internal server error has occurred. Please check your CockroachDB logs for more details.';
export const MSG_NOT_FOUND = '404 page not found';
export const MSG_FORBIDDEN = 'user not allowed to access this endpoint';
export const MSG_TENANT = 'Not Available on Tenants';

/** Go's http.Error: plain text, nosniff, message + newline. */
export function sendText(res: ServerResponse, status: number, message: string): void {
  const body = `${message}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Errors of a handler: plain text on real versions, JSON `{error}` as the seed spec claims. */
export function sendError(res: ServerResponse, profile: SimProfile, status: number, message: string): void {
  if (profile === 'seed-spec') {
    sendJson(res, status, { error: message });
    return;
  }
  sendText(res, status, message);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = toJson(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function readBody(req: IncomingMessage, maxBytes = 10 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Go's strconv.ParseBool. */
export function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

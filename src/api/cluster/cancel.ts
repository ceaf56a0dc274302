// CANCEL QUERY / CANCEL SESSION statements for sql/. Ids are interpolated into
// SQL text, so only the id format CockroachDB itself produces is accepted:
// a 128-bit ClusterWideID as hex (32 digits; shorter hex tolerated).
import { ApiError } from '../http/errors';

const HEX_ID = /^[0-9a-f]{1,32}$/i;

function checkedId(id: string, what: string): string {
  const trimmed = id.trim();
  if (!HEX_ID.test(trimmed)) {
    // Echo only a short, safe prefix of whatever was passed.
    const shown = trimmed.slice(0, 40).replace(/[^\w-]/g, '?');
    throw new ApiError('badRequest', `"${shown}" is not a valid ${what} id (expected up to 32 hex digits).`);
  }
  return trimmed.toLowerCase();
}

export function cancelQueryStatement(queryId: string): string {
  return `CANCEL QUERY '${checkedId(queryId, 'query')}'`;
}

export function cancelSessionStatement(sessionIdHex: string): string {
  return `CANCEL SESSION '${checkedId(sessionIdHex, 'session')}'`;
}

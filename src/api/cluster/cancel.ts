// CANCEL QUERY / CANCEL SESSION statements for sql/. CockroachDB's grammar takes
// an expression there (`CANCEL QUERY a_expr`, pkg/sql/parser/sql.y), so the id
// travels as a placeholder. Only the id format CockroachDB itself produces is
// accepted: a 128-bit ClusterWideID as hex (32 digits; shorter hex tolerated).
import * as l10n from '@vscode/l10n';
import { ApiError } from '../http/errors';
import type { SqlQuery } from '../sql/types';

const HEX_ID = /^[0-9a-f]{1,32}$/i;

function checkedId(id: string, what: 'query' | 'session'): string {
  const trimmed = id.trim();
  if (!HEX_ID.test(trimmed)) {
    // Echo only a short, safe prefix of whatever was passed.
    const shown = trimmed.slice(0, 40).replace(/[^\w-]/g, '?');
    throw new ApiError(
      'badRequest',
      what === 'query'
        ? l10n.t('"{0}" is not a valid query id (expected up to 32 hex digits).', shown)
        : l10n.t('"{0}" is not a valid session id (expected up to 32 hex digits).', shown),
    );
  }
  return trimmed.toLowerCase();
}

export function cancelQueryPlaceholder(queryId: string): SqlQuery {
  return { sql: 'CANCEL QUERY $1', arguments: [checkedId(queryId, 'query')] };
}

export function cancelSessionPlaceholder(sessionIdHex: string): SqlQuery {
  return { sql: 'CANCEL SESSION $1', arguments: [checkedId(sessionIdHex, 'session')] };
}

import assert from 'node:assert/strict';
import { addSecret, redact } from '../../../src/util/redact';

describe('redaction', () => {
  it('masks registered secrets and credential shapes', () => {
    addSecret('s3cr3t-token-value');
    assert.equal(redact('token s3cr3t-token-value used'), 'token «redacted» used');
    assert.equal(redact('X-Cockroach-API-Session: abcDEF=='), 'X-Cockroach-API-Session: «redacted»');
    assert.equal(redact('Authorization: Bearer CCDB1_abc_def'), 'Authorization: Bearer «redacted»');
    assert.equal(redact('{"password":"hunter2"}'), '{"password":"«redacted»"}');
    assert.equal(redact('postgresql://bob:pw@host:26257/db'), 'postgresql://bob:«redacted»@host:26257/db');
  });
});

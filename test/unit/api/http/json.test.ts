import assert from 'node:assert/strict';
import { parseJson } from '../../../../src/api/http/json';

describe('lossless JSON', () => {
  it('keeps integers beyond 2^53 exact and leaves everything else to JSON.parse', () => {
    const v = parseJson('{"started_at":1736942400123456789,"n":[-9223372036854775807,42,9007199254740991]}') as {
      started_at: bigint;
      n: unknown[];
    };
    assert.equal(v.started_at, 1736942400123456789n);
    assert.deepEqual(v.n, [-9223372036854775807n, 42, 9007199254740991]);
  });
  it('does not touch long digit runs inside strings, fractions or exponents', () => {
    const text =
      '{"sql":"SELECT 12345678901234567890 \\" 1234567890123456789","f":0.12345678901234567,"e":1.5e-1234567890123456,"g":12345678901234567e2}';
    const v = parseJson(text) as Record<string, unknown>;
    assert.equal(v.sql, 'SELECT 12345678901234567890 " 1234567890123456789');
    assert.equal(v.f, Number('0.12345678901234567'));
    assert.equal(v.e, 0);
    assert.equal(v.g, Number('12345678901234567e2'));
  });
  it('handles escaped backslashes before a closing quote', () => {
    const v = parseJson('{"a":"x\\\\","b":12345678901234567890}') as Record<string, unknown>;
    assert.equal(v.a, 'x\\');
    assert.equal(v.b, 12345678901234567890n);
  });
  it('rejects invalid JSON, including an unterminated string', () => {
    assert.throws(() => parseJson('{"a":"12345678901234567890'));
    assert.throws(() => parseJson('{"a":12345678901234567890'));
    assert.throws(() => parseJson('<html>'));
  });
  it('matches lossless-json on every value of a large payload', async () => {
    const { parse } = await import('lossless-json');
    const nodes = Array.from(
      { length: 300 },
      (_, i) =>
        `{"node_id":${i},"started_at":17369424001234${String(i).padStart(5, '0')},"metrics":{"x":${i / 7}},"name":"n\\"${i}"}`,
    );
    const text = `{"nodes":[${nodes.join(',')}],"next":300}`;
    const ours = parseJson(text);
    const theirs = parse(text, null, (s: string) =>
      /^-?\d+$/.test(s) && !Number.isSafeInteger(Number(s)) ? BigInt(s) : Number(s),
    );
    assert.deepEqual(ours, theirs);
  });
});

describe('isApiError across bundles', () => {
  it('recognises an ApiError thrown by another copy of the class', async () => {
    const { isApiError, ApiError } = await import('../../../../src/api/http/errors');
    class OtherCopy extends Error {
      override readonly name = 'ApiError';
      constructor(readonly kind: string) {
        super('x');
      }
    }
    assert.ok(isApiError(new OtherCopy('unauthorized'), 'unauthorized'));
    assert.ok(!isApiError(new OtherCopy('unauthorized'), 'forbidden'));
    assert.ok(isApiError(new ApiError('timeout', 't')));
    assert.ok(!isApiError(new Error('plain')));
    assert.ok(!isApiError({ name: 'ApiError', kind: 'timeout' }));
  });
});

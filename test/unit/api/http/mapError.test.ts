import assert from 'node:assert/strict';
import { createTransport } from '../../../../src/api/http/transport';
import { kindForStatus, readServerMessage, toApiError } from '../../../../src/api/http/mapError';
import { parseJson, parseNumberLossless, tryParseJson } from '../../../../src/api/http/json';
import type { ApiError } from '../../../../src/api/http/errors';
import { send, startLocalServer } from './localServer';

describe('http error mapping', () => {
  it('reads plain-text and JSON error bodies', () => {
    assert.equal(
      readServerMessage('user not allowed to access this endpoint\n'),
      'user not allowed to access this endpoint',
    );
    assert.equal(readServerMessage('{"error":"bad thing"}'), 'bad thing');
    assert.equal(readServerMessage('{"message":"from message"}'), 'from message');
    assert.equal(readServerMessage('{"code":5,"message":"cluster not found","details":[]}'), 'cluster not found');
    assert.equal(readServerMessage('{"error":{"message":"syntax error","code":"42601"}}'), 'syntax error');
    assert.equal(readServerMessage('{"other":1}'), '{"other":1}');
    assert.equal(readServerMessage('{broken'), '{broken');
    assert.equal(readServerMessage(undefined), '');
    assert.equal(readServerMessage('x'.repeat(600)).length, 501);
  });

  it('maps statuses to kinds', () => {
    assert.deepEqual([400, 401, 403, 404, 405, 429, 500, 501, 503, 200].map(kindForStatus), [
      'badRequest',
      'unauthorized',
      'forbidden',
      'notFound',
      'badRequest',
      'rateLimited',
      'server',
      'notAvailable',
      'server',
      'malformed',
    ]);
  });

  it('words statuses generically when the API client adds nothing', async () => {
    const server = await startLocalServer((req, res) =>
      send(res, Number(req.url?.slice(1)), `text ${req.url?.slice(1)}`),
    );
    const t = createTransport({ baseURL: server.url, retries: 0 });
    const errors: ApiError[] = [];
    for (const status of [400, 401, 403, 404, 409, 429, 501, 502]) {
      try {
        await t.get(`/${status}`);
      } catch (err) {
        errors.push(toApiError(err, `r${status}/`));
      }
    }
    await server.close();
    assert.deepEqual(
      errors.map((e) => [e.status, e.kind, e.details.route, e.details.serverMessage]),
      [
        [400, 'badRequest', 'r400/', 'text 400'],
        [401, 'unauthorized', 'r401/', 'text 401'],
        [403, 'forbidden', 'r403/', 'text 403'],
        [404, 'notFound', 'r404/', 'text 404'],
        [409, 'badRequest', 'r409/', 'text 409'],
        [429, 'rateLimited', 'r429/', 'text 429'],
        [501, 'notAvailable', 'r501/', 'text 501'],
        [502, 'server', 'r502/', 'text 502'],
      ],
    );
    assert.equal(errors[1]!.message, 'Signed out or session expired – sign in again.');
    assert.equal(errors[2]!.message, 'Not allowed to read r403/: text 403');
    assert.equal(errors[3]!.message, 'r404/ was not found (HTTP 404): text 404');
    assert.equal(errors[5]!.message, 'Rate limited: text 429');
    assert.equal(errors[7]!.message, 'Server error on r502/ (HTTP 502): text 502');
  });

  it('parses JSON losslessly: unsafe integers become bigint, the rest numbers', () => {
    const v = parseJson('{"a":1736942400123456789,"b":42,"c":1.5,"d":-9007199254740993,"e":1e3}') as Record<
      string,
      unknown
    >;
    assert.deepEqual(v, { a: 1736942400123456789n, b: 42, c: 1.5, d: -9007199254740993n, e: 1000 });
    assert.equal(parseNumberLossless('9007199254740991'), 9007199254740991);
    assert.equal(tryParseJson('nope'), undefined);
    assert.throws(() => parseJson('{'));
  });
});

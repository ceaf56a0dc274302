// Raw CockroachDB keys → `/Table/<id>/<index>/…` for v21 hot ranges, which carry
// base64 keys and no names. The byte sequences are those EncodeUvarintAscending /
// EncodeVarintAscending (pkg/util/encoding/encoding.go) produce.
import assert from 'node:assert/strict';
import { decodeVarintAscending, prettyKey, prettyKeyFromBase64 } from '../../../../src/api/cluster/normalize/keys';
import { startClusterSimulator } from '../../../../src/sim';
import type { RunningClusterSim } from '../../../../src/sim';
import { signedInClient } from './simClient';

const bytes = (...b: number[]) => Uint8Array.from(b);
const b64 = (...b: number[]) => Buffer.from(b).toString('base64');

describe('v21 hot-range keys', () => {
  it('decodes uvarints: one byte up to 109, then a length tag 0xf5+n', () => {
    assert.deepEqual(decodeVarintAscending(bytes(0x88), 0), { value: 0n, next: 1 });
    assert.deepEqual(decodeVarintAscending(bytes(0xf5), 0), { value: 109n, next: 1 });
    assert.deepEqual(decodeVarintAscending(bytes(0xf6, 0x6e), 0), { value: 110n, next: 2 });
    assert.deepEqual(decodeVarintAscending(bytes(0xf7, 0x03, 0xe8), 0), { value: 1000n, next: 3 });
    assert.deepEqual(decodeVarintAscending(bytes(0x87, 0xff), 0), { value: -1n, next: 2 }, 'EncodeVarintAscending(-1)');
    assert.equal(decodeVarintAscending(bytes(0xf7, 0x03), 0), undefined, 'truncated');
    assert.equal(decodeVarintAscending(bytes(0x12), 0), undefined, 'a bytes marker is no int');
  });

  it('prints table keys like pkg/keys: table id, index id, then integer columns', () => {
    assert.equal(prettyKey(bytes(0xbd)), '/Table/53');
    assert.equal(prettyKey(bytes(0xbd, 0x89)), '/Table/53/1');
    assert.equal(prettyKey(bytes(0xbd, 0x89, 0xf7, 0x03, 0xe8)), '/Table/53/1/1000');
    assert.equal(prettyKey(bytes(0xf6, 0x6e, 0x8a, 0x8c)), '/Table/110/2/4');
    // A string primary key: bytes marker 0x12, "ab", terminator 0x00 0x01.
    assert.equal(prettyKey(bytes(0xbd, 0x89, 0x12, 0x61, 0x62, 0x00, 0x01)), '/Table/53/1/"\\x12ab\\x00\\x01"');
    assert.equal(prettyKey(bytes(0xfe, 0x8a, 0xbd, 0x89)), '/Tenant/2/Table/53/1');
  });

  it('falls back to escaped bytes, with the well-known prefixes named', () => {
    assert.equal(prettyKey(bytes()), '/Min');
    assert.equal(prettyKey(bytes(0xff, 0xff)), '/Max');
    assert.equal(prettyKey(bytes(0x04, 0x74, 0x73, 0x64)), '/System/"tsd"');
    assert.equal(prettyKey(bytes(0x03, 0xbd)), '/Meta2/"\\xbd"');
    assert.equal(prettyKey(bytes(0x12, 0x22, 0x5c)), '"\\x12\\x22\\x5c"');
  });

  it('accepts the wire base64 (standard or URL-safe) and leaves pretty keys alone', () => {
    assert.equal(prettyKeyFromBase64(b64(0xbd, 0x89)), '/Table/53/1');
    assert.equal(prettyKeyFromBase64('vYk'), '/Table/53/1', 'unpadded');
    assert.equal(prettyKeyFromBase64(b64(0xfe, 0x8a, 0xbd)).startsWith('/Tenant/2/Table/53'), true);
    assert.equal(prettyKeyFromBase64('/Table/53/1/2'), '/Table/53/1/2');
    assert.equal(prettyKeyFromBase64(''), '');
  });

  describe('through the v21 simulator', () => {
    let sim: RunningClusterSim;
    before(async () => {
      sim = await startClusterSimulator({ profile: 'v21', nodes: 3, rangesPerNode: 30, hotRangesPerNode: 6, seed: 4 });
    });
    after(() => sim.close());

    it('hot ranges carry pretty keys that match the range detail span, never base64', async () => {
      const { client } = await signedInClient(sim);
      const { ranges } = await client.hotRanges();
      assert.ok(ranges.length > 0);
      for (const h of ranges) {
        assert.match(h.startKey ?? '', /^\/Table\/\d+\/\d+/, `r${h.rangeId}: ${h.startKey}`);
        assert.equal(h.tables.length, 0, 'v21 sends no names');
      }
      const h = ranges[0]!;
      const detail = await client.rangeDetail(h.rangeId);
      const span = detail.byNode.find((b) => b.rangeInfo)?.rangeInfo;
      assert.equal(h.startKey, span?.startKeyPretty);
      assert.equal(h.endKey, span?.endKeyPretty);
    });
  });
});

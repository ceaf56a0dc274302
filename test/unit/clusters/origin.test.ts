import assert from 'node:assert/strict';
import { isInsecureOrigin, normaliseOrigin, validateClusterUrl } from '../../../src/clusters/origin';

describe('cluster origins', () => {
  it('normalises scheme, case and the default port so secrets have one key per cluster', () => {
    assert.equal(normaliseOrigin('HTTPS://DB1.Example.com'), 'https://db1.example.com:8080');
    assert.equal(normaliseOrigin('db1.example.com:9090/api/v2/'), 'https://db1.example.com:9090');
    assert.equal(normaliseOrigin('http://127.0.0.1:8080/#/overview'), 'http://127.0.0.1:8080');
    assert.ok(isInsecureOrigin('http://h:1'));
    assert.ok(!isInsecureOrigin('https://h:1'));
  });
  it('rejects what is not a cluster address, and credentials in the URL', () => {
    assert.ok(validateClusterUrl(''));
    assert.ok(validateClusterUrl('ftp://x'));
    assert.ok(validateClusterUrl('https://root:pw@h:8080'));
    assert.equal(validateClusterUrl('https://h:8080'), undefined);
  });
});

import assert from 'node:assert/strict';
import { localityText, parseLocality, regionsOf, UNKNOWN } from '../../../src/domain/locality';

describe('domain: localities', () => {
  it('writes tiers the way --locality takes them', () => {
    assert.equal(
      localityText([
        { key: 'region', value: 'us-east1' },
        { key: 'zone', value: 'us-east1-b' },
      ]),
      'region=us-east1,zone=us-east1-b',
    );
    assert.equal(localityText([]), '');
  });
  it('reads region and zone by key, else by position', () => {
    assert.deepEqual(
      parseLocality([
        { key: 'cloud', value: 'gcp' },
        { key: 'region', value: 'us-east1' },
        { key: 'zone', value: 'us-east1-b' },
      ]),
      { region: 'us-east1', zone: 'us-east1-b' },
    );
    assert.deepEqual(
      parseLocality([
        { key: 'Cloud-Region', value: 'eu' },
        { key: 'az', value: 'eu-a' },
      ]),
      { region: 'eu', zone: 'eu-a' },
    );
    assert.deepEqual(parseLocality([{ key: 'dc', value: 'x' }]), { region: UNKNOWN, zone: 'x' });
    assert.deepEqual(
      parseLocality([
        { key: 'r', value: 'eu' },
        { key: 'z', value: 'eu-a' },
      ]),
      { region: 'eu', zone: 'eu-a' },
    );
    assert.deepEqual(parseLocality([]), { region: UNKNOWN, zone: UNKNOWN });
  });
  it('lists the regions of a cluster once each, sorted, skipping nodes without one', () => {
    const tiers = (k: string, v: string) => [{ key: k, value: v }];
    assert.deepEqual(
      regionsOf([tiers('region', 'us'), tiers('region', 'eu'), tiers('region', 'us'), [], tiers('zone', 'a')]),
      ['eu', 'us'],
    );
    assert.deepEqual(
      regionsOf([
        [
          { key: 'cloud', value: 'gcp' },
          { key: 'cloud-region', value: 'asia' },
        ],
      ]),
      ['asia'],
      'a cloud tier first is not a region',
    );
  });
});

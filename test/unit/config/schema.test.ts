// The settings table: every key the code reads is declared in package.json with the type it
// is read as, defaults and bounds come from there, and the untrusted-workspace rule.
import * as assert from 'node:assert/strict';
import manifest from '../../../package.json';
import {
  clusterEntries,
  coerce,
  pickTrusted,
  resolveSetting,
  SETTING_KEYS,
  specsFrom,
  SPECS,
  type ManifestLike,
} from '../../../src/config/schema';

const declared = manifest.contributes.configuration.properties as Record<
  string,
  { default?: unknown; minimum?: number; maximum?: number }
>;
const restrictedInManifest = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;

/** A minimal manifest for the error cases. */
const tiny = (
  props: ManifestLike['contributes']['configuration']['properties'],
  restricted: string[] = [],
): ManifestLike => ({
  contributes: { configuration: { properties: props } },
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: restricted } },
});

describe('settings table (src/config/schema)', () => {
  it('covers exactly the cockroachdb.* settings that package.json declares', () => {
    assert.deepEqual(SETTING_KEYS.map((k) => `cockroachdb.${k}`).sort(), Object.keys(declared).sort());
  });

  it('takes each default, minimum and maximum from the manifest', () => {
    for (const key of SETTING_KEYS) {
      const p = declared[`cockroachdb.${key}`]!;
      assert.deepEqual(SPECS[key].default, p.default, key);
      assert.equal(SPECS[key].minimum, p.minimum, key);
      assert.equal(SPECS[key].maximum, p.maximum, key);
    }
    assert.equal(SPECS.requestTimeout.default, 10);
    assert.equal(SPECS.pageSize.maximum, 1000);
  });

  it('marks as restricted exactly the keys in restrictedConfigurations', () => {
    const restricted = SETTING_KEYS.filter((k) => SPECS[k].restricted).map((k) => `cockroachdb.${k}`);
    assert.deepEqual(restricted.sort(), [...restrictedInManifest].sort());
    assert.ok(restricted.includes('cockroachdb.clusters'));
  });

  it('refuses a manifest that lacks a key, declares another type, or restricts an unknown key', () => {
    const props = Object.fromEntries(
      Object.entries(manifest.contributes.configuration.properties),
    ) as ManifestLike['contributes']['configuration']['properties'];
    const { ['cockroachdb.pageSize']: _dropped, ...withoutPageSize } = props;
    assert.throws(() => specsFrom(tiny(withoutPageSize)), /cockroachdb\.pageSize is read by the code but not declared/);
    assert.throws(
      () => specsFrom(tiny({ ...props, 'cockroachdb.pageSize': { type: 'string', default: '100' } })),
      /declared as string, read as number/,
    );
    assert.throws(() => specsFrom(tiny(props, ['cockroachdb.nope'])), /unknown settings: cockroachdb\.nope/);
  });
});

describe('reading a value (coerce)', () => {
  it('clamps numbers to the manifest bounds and floors the page size', () => {
    assert.equal(coerce(SPECS.requestTimeout, 0), 1);
    assert.equal(coerce(SPECS.requestTimeout, 2.5), 2.5);
    assert.equal(coerce(SPECS.refreshInterval, -3), 0);
    assert.equal(coerce(SPECS['statusBar.interval'], 1), 5);
    assert.equal(coerce(SPECS.pageSize, 12.7), 12);
    assert.equal(coerce(SPECS.pageSize, 5000), 1000);
    assert.equal(coerce(SPECS.pageSize, 0), 1);
  });

  it('reads a missing or wrongly typed value as the default', () => {
    assert.equal(coerce(SPECS.requestTimeout, undefined), 10);
    assert.equal(coerce(SPECS.requestTimeout, '20'), 10);
    assert.equal(coerce(SPECS.requestTimeout, Number.NaN), 10);
    assert.equal(coerce(SPECS['statusBar.enabled'], 'no'), true);
    assert.equal(coerce(SPECS['statusBar.enabled'], false), false);
    assert.equal(coerce(SPECS['cloud.apiUrl'], '  '), 'https://cockroachlabs.cloud');
    assert.equal(coerce(SPECS['cloud.apiUrl'], ' https://cloud.test '), 'https://cloud.test');
    assert.deepEqual(coerce(SPECS.clusters, { not: 'a list' }), []);
  });

  it('keeps cluster entries with a URL and only the fields that have the right type', () => {
    const raw = [
      null,
      'https://a:8080',
      { name: 'no url' },
      { name: ' A ', url: 'https://a:8080', caFile: '', skipTlsVerify: 'yes', virtualCluster: ' app ' },
      { url: 'http://b:8080', skipTlsVerify: true, caFile: '/ca.pem', extra: 1 },
    ];
    assert.deepEqual(clusterEntries(raw), [
      { name: 'A', url: 'https://a:8080', virtualCluster: 'app' },
      { name: '', url: 'http://b:8080', caFile: '/ca.pem', skipTlsVerify: true },
    ]);
  });
});

describe('workspace trust', () => {
  const mine = [{ name: 'mine', url: 'https://a:8080' }];
  const evil = [{ name: 'mine', url: 'https://evil:8080' }];
  const clusters = { defaultValue: [], globalValue: mine, workspaceValue: evil };

  it('reads the workspace layer only in a trusted workspace', () => {
    assert.deepEqual(pickTrusted(clusters, true, []), evil);
    assert.deepEqual(pickTrusted(clusters, false, []), mine);
    assert.deepEqual(
      pickTrusted({ defaultValue: 'https://cockroachlabs.cloud', workspaceValue: 'https://evil' }, false, ''),
      'https://cockroachlabs.cloud',
    );
    assert.equal(pickTrusted(undefined, false, 'x'), 'x');
  });

  it('applies the rule to the restricted keys only', () => {
    assert.deepEqual(resolveSetting(SPECS.clusters, clusters, false), mine);
    assert.deepEqual(resolveSetting(SPECS.clusters, clusters, true), evil);
    assert.equal(
      resolveSetting(
        SPECS['cloud.apiUrl'],
        { defaultValue: 'https://cockroachlabs.cloud', workspaceValue: 'https://evil' },
        false,
      ),
      'https://cockroachlabs.cloud',
    );
    // A workspace may still shorten the timeout or page size: those cannot point anywhere.
    assert.equal(
      resolveSetting(SPECS.requestTimeout, { defaultValue: 10, globalValue: 20, workspaceValue: 3 }, false),
      3,
    );
    assert.equal(
      resolveSetting(SPECS.pageSize, { defaultValue: 100, workspaceFolderValue: 50, workspaceValue: 40 }, true),
      50,
    );
  });

  it('clamps whichever layer wins', () => {
    assert.equal(resolveSetting(SPECS.requestTimeout, { defaultValue: 10, globalValue: 0 }, true), 1);
    assert.equal(resolveSetting(SPECS.requestTimeout, undefined, true), 10);
  });
});

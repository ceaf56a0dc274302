// Remove edits the settings layer the explorer read the cluster from: the most specific
// layer that sets the list when the workspace is trusted, the user's own when it is not.
import assert from 'node:assert/strict';
import { removalTarget } from '../../../src/tree/removalTarget';

const prod = { name: 'prod', url: 'https://prod.example.com:8080' };
const dev = { name: 'dev', url: 'http://127.0.0.1:26258' };
const PROD = 'https://prod.example.com:8080';

describe('which settings layer Remove edits', () => {
  it('takes an entry out of the workspace list that hides the user list, keeping the others', () => {
    const t = removalTarget({ global: [dev], workspace: [{ ...prod, url: 'PROD.example.com' }, dev] }, true, PROD);
    assert.deepEqual(t, { kind: 'settings', scope: 'workspace', kept: [dev] });
  });

  it("unsets a workspace list it empties, so that the user's own clusters show again", () => {
    assert.deepEqual(removalTarget({ global: [dev], workspace: [prod] }, true, PROD), {
      kind: 'settings',
      scope: 'workspace',
      kept: undefined,
    });
  });

  it('prefers the folder layer over the workspace layer, as the reader does', () => {
    const t = removalTarget({ workspace: [prod], workspaceFolder: [prod] }, true, PROD);
    assert.deepEqual(t, { kind: 'settings', scope: 'workspaceFolder', kept: undefined });
  });

  it('edits the user list when no workspace layer sets one, and leaves it empty rather than unset', () => {
    assert.deepEqual(removalTarget({ global: [prod] }, true, PROD), { kind: 'settings', scope: 'global', kept: [] });
    assert.deepEqual(removalTarget({ global: [prod, dev], workspace: [] }, false, PROD), {
      kind: 'settings',
      scope: 'global',
      kept: [dev],
    });
  });

  it("says so when only an untrusted workspace's ignored settings list it", () => {
    assert.deepEqual(removalTarget({ global: [dev], workspace: [prod] }, false, PROD), {
      kind: 'untrusted',
      scope: 'workspace',
    });
  });

  it('finds nothing to edit when no layer the reader uses lists it, and skips entries with bad URLs', () => {
    assert.deepEqual(removalTarget({ global: [prod], workspace: [dev] }, true, PROD), { kind: 'notListed' });
    assert.deepEqual(removalTarget({ global: [{ name: 'x', url: 'ftp://nope' }] }, true, PROD), {
      kind: 'notListed',
    });
    assert.deepEqual(removalTarget({}, false, PROD), { kind: 'notListed' });
  });
});

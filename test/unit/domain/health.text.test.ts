import assert from 'node:assert/strict';
import {
  compareVersions,
  count,
  formatMs,
  formatPercent,
  nodeRuns,
  plural,
  shortNodeList,
} from '../../../src/domain/health/text';

describe('domain: health wording', () => {
  it('pluralises with thousands separators', () => {
    assert.equal(plural(1, 'range'), '1 range');
    assert.equal(plural(0, 'range'), '0 ranges');
    assert.equal(plural(1234, 'store'), '1,234 stores');
    assert.equal(count(1234567.4), '1,234,567');
    assert.equal(count(NaN), '');
  });
  it('formats milliseconds with a decimal only below 10', () => {
    assert.equal(formatMs(0), '0 ms');
    assert.equal(formatMs(0.42), '0.4 ms');
    assert.equal(formatMs(9.94), '9.9 ms');
    assert.equal(formatMs(12.4), '12 ms');
    assert.equal(formatMs(-3), '-3.0 ms');
    assert.equal(formatMs(Infinity), '');
  });
  it('formats percentages, with a decimal only just under 100', () => {
    assert.equal(formatPercent(79.99), '79%');
    assert.equal(formatPercent(80), '80%');
    assert.equal(formatPercent(99.64), '99.6%');
    assert.equal(formatPercent(NaN), '');
  });
  it('writes node ids as runs, sorted and de-duplicated', () => {
    assert.equal(nodeRuns([3, 1, 2, 5, 7, 8, 2]), 'n1–n3, n5, n7, n8');
    assert.equal(nodeRuns([]), '');
    assert.equal(shortNodeList([5, 1, 2, 3]), 'n1, n2, n3 +1 more');
    assert.equal(shortNodeList([2, 1]), 'n1, n2');
  });
  it('orders versions as releases', () => {
    const sorted = ['v25.1.10', 'v24.3.0', 'v25.1.2', 'dev', 'v25.2.0-beta.1'].sort(compareVersions);
    assert.deepEqual(sorted, ['v24.3.0', 'v25.1.2', 'v25.1.10', 'v25.2.0-beta.1', 'dev']);
  });
});

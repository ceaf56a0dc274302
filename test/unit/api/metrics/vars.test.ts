// `/_status/vars` text, without a server.
import assert from 'node:assert/strict';
import { ApiError } from '../../../../src/api/http/errors';
import { parseStatusVars, promName, sampleValue, sumOverStores } from '../../../../src/api/metrics/vars';

// Shaped like a v25.2 node's answer: store metrics labelled per store, a per-store histogram,
// the node's identity gauges, and no newline at the end.
const VARS = [
  '# HELP node_id node ID with labels for advertised RPC and HTTP addresses',
  '# TYPE node_id gauge',
  'node_id{advertise_addr="db3:26257",http_addr="db3:8080",sql_addr="db3:26257"} 3',
  '# HELP build_timestamp Build information',
  '# TYPE build_timestamp gauge',
  'build_timestamp{tag="v25.2.4",go_version="go1.23.7"} 1.756e+09',
  '# HELP capacity Total storage capacity',
  '# TYPE capacity gauge',
  'capacity{store="1"} 1.0e+11',
  'capacity{store="2"} 2.5e+11',
  '# HELP sql_conns Number of open SQL connections',
  '# TYPE sql_conns gauge',
  'sql_conns 12',
  '# HELP sys_cpu_combined_percent_normalized Current user+system cpu percentage',
  '# TYPE sys_cpu_combined_percent_normalized gauge',
  'sys_cpu_combined_percent_normalized 0.25',
  '# HELP raft_process_logcommit_latency Latency histogram for committing Raft log entries',
  '# TYPE raft_process_logcommit_latency histogram',
  'raft_process_logcommit_latency_bucket{store="1",le="1e+06"} 10',
  'raft_process_logcommit_latency_bucket{store="1",le="+Inf"} 12',
  'raft_process_logcommit_latency_sum{store="1"} 9.5e+06',
  'raft_process_logcommit_latency_count{store="1"} 12',
  'raft_process_logcommit_latency_bucket{store="2",le="1e+06"} 4',
  'raft_process_logcommit_latency_bucket{store="2",le="+Inf"} 5',
  'raft_process_logcommit_latency_sum{store="2"} 3.1e+06',
  'raft_process_logcommit_latency_count{store="2"} 5',
  '# TYPE rpc_duration summary',
  'rpc_duration{quantile="0.99"} 7',
  'rpc_duration_sum 100',
  'rpc_duration_count 20',
  '# TYPE odd gauge',
  'odd{path="C:\\\\dir",why="say \\"hi\\""} NaN',
  'sys_uptime 3600',
].join('\n');

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, `not an ApiError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a throw');
}

describe('metrics: /_status/vars', () => {
  const vars = parseStatusVars(VARS, 200);

  it('reads the node id and version', () => {
    assert.equal(vars.nodeId, 3);
    assert.equal(vars.version, 'v25.2.4');
  });

  it('keeps every line as a sample with its labels, the last one too', () => {
    assert.deepEqual(
      vars.samples.find((s) => s.name === 'capacity' && s.labels.store === '2'),
      { name: 'capacity', labels: { store: '2' }, value: 2.5e11 },
    );
    assert.deepEqual(vars.samples.at(-1), { name: 'sys_uptime', labels: {}, value: 3600 });
    const odd = vars.samples.find((s) => s.name === 'odd')!;
    assert.deepEqual(odd.labels, { path: 'C:\\dir', why: 'say "hi"' });
    assert.ok(Number.isNaN(odd.value));
  });

  it('flattens histograms and summaries per series, buckets and sums of every store kept', () => {
    const named = (n: string) => vars.samples.filter((s) => s.name === n);
    assert.deepEqual(
      named('raft_process_logcommit_latency_bucket').map((s) => [s.labels.store, s.labels.le, s.value]),
      [
        ['1', '1e+06', 10],
        ['1', '+Inf', 12],
        ['2', '1e+06', 4],
        ['2', '+Inf', 5],
      ],
    );
    assert.deepEqual(
      named('raft_process_logcommit_latency_count').map((s) => s.value),
      [12, 5],
    );
    assert.equal(sumOverStores(vars, 'raft.process.logcommit.latency_sum'), 12.6e6);
    assert.deepEqual(named('rpc_duration'), [{ name: 'rpc_duration', labels: { quantile: '0.99' }, value: 7 }]);
    assert.equal(sampleValue(vars, 'rpc_duration_count'), 20);
  });

  it('looks values up by CockroachDB or Prometheus name, with label filters', () => {
    assert.equal(promName('cr.node.sys.cpu.combined.percent-normalized'), 'sys_cpu_combined_percent_normalized');
    assert.equal(sampleValue(vars, 'cr.node.sys.cpu.combined.percent-normalized'), 0.25);
    assert.equal(sampleValue(vars, 'sql.conns'), 12);
    assert.equal(sampleValue(vars, 'sql_conns'), 12);
    assert.equal(sampleValue(vars, 'capacity', { store: '2' }), 2.5e11);
    assert.equal(sampleValue(vars, 'capacity', { store: '9' }), undefined);
    assert.equal(sampleValue(vars, 'no.such.metric'), undefined);
    assert.equal(sumOverStores(vars, 'cr.store.capacity'), 3.5e11);
    assert.equal(sumOverStores(vars, 'sql.conns'), undefined);
  });

  it('leaves nodeId and version out when the node does not say', () => {
    const v = parseStatusVars('sql_conns 1\nnode_id 0\n', 200);
    assert.equal(v.nodeId, undefined);
    assert.equal(v.version, undefined);
  });

  it('falls back to the node_id label recent versions put on every sample', () => {
    assert.equal(parseStatusVars('sql_conns{node_id="7"} 1\n', 200).nodeId, 7);
  });

  it('reads ±Inf and CRLF line ends', () => {
    const v = parseStatusVars('# TYPE a gauge\r\na +Inf\r\nb -Inf\r\n', 200);
    assert.deepEqual(
      v.samples.map((s) => [s.name, s.value]),
      [
        ['a', Infinity],
        ['b', -Infinity],
      ],
    );
  });

  it('rejects what is not Prometheus text as malformed, naming the route', () => {
    for (const text of [
      '<!DOCTYPE html><html><body>Sign in</body></html>',
      '{"error": "nope"}',
      '',
      'metric{label=unquoted} 1',
      'metric seven',
    ]) {
      const err = thrown(() => parseStatusVars(text, 200));
      assert.equal(err.kind, 'malformed', text);
      assert.match(err.message, /^\/_status\/vars answered HTTP 200 with /, text);
    }
  });
});

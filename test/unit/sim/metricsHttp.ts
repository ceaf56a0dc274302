// Shared helpers for the metrics-route tests: raw fetch against a started simulator.

import type { Json, Sim } from './simHttp';

export const MS = 1_000_000n;
export const MINUTE_MS = 60_000;

export const nanos = (ms: number): string => (BigInt(Math.floor(ms)) * MS).toString();
export const msOf = (ns: string): number => Number(BigInt(ns) / MS);

export interface TsAnswer {
  status: number;
  text: string;
  json: Json;
  elapsedMs: number;
}

export async function postTs(sim: Sim, body: unknown, headers: Record<string, string> = {}): Promise<TsAnswer> {
  const t0 = Date.now();
  const res = await fetch(`${sim.clusterUrl}/ts/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, elapsedMs: Date.now() - t0 };
}

export interface Point {
  ms: number;
  value: number;
}

/** One series over [startMs, endMs], as points with Unix-ms timestamps; throws unless 200. */
export async function series(
  sim: Sim,
  cookie: string,
  query: Record<string, unknown>,
  startMs: number,
  endMs: number,
  sampleMs = 10_000,
): Promise<Point[]> {
  const answer = await postTs(
    sim,
    { start_nanos: nanos(startMs), end_nanos: nanos(endMs), sample_nanos: nanos(sampleMs), queries: [query] },
    { Cookie: cookie },
  );
  if (answer.status !== 200) throw new Error(`ts/query → ${answer.status}: ${answer.text}`);
  return (answer.json.results[0].datapoints as Json[]).map((p) => ({ ms: msOf(p.timestamp_nanos), value: p.value }));
}

export async function vars(sim: Sim, query = '', headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.clusterUrl}/_status/vars${query}`, { headers });
}

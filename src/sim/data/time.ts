// Go's RFC 3339 rendering of google.protobuf.Timestamp, with microseconds.

export function nanosToRfc3339(ns: bigint): string {
  const iso = new Date(Number(ns / 1_000_000n)).toISOString();
  const micros = ((ns / 1_000n) % 1_000_000n).toString().padStart(6, '0');
  return `${iso.slice(0, 19)}.${micros}Z`;
}

export const SECOND = 1_000_000_000n;

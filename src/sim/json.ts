// JSON writer for wire payloads. Nanosecond timestamps (~1.7e18) and uint64
// fingerprint ids exceed 2^53; CockroachDB writes them as bare integer
// literals, which JSON.stringify cannot do, so bigint values are written here
// digit for digit. `undefined` members are dropped, like JSON.stringify.

/** Text that is already JSON (a JSONB value as the engine printed it), written as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

export function toJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(v: unknown, out: string[]): void {
  switch (typeof v) {
    case 'bigint':
      out.push(v.toString());
      return;
    case 'number':
      // Go refuses NaN/Inf; never produce them here.
      out.push(Number.isFinite(v) ? String(v) : '0');
      return;
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'object':
      if (v === null) {
        out.push('null');
      } else if (v instanceof RawJson) {
        out.push(v.text);
      } else if (Array.isArray(v)) {
        out.push('[');
        v.forEach((item, i) => {
          if (i > 0) out.push(',');
          write(item === undefined ? null : item, out);
        });
        out.push(']');
      } else {
        out.push('{');
        let first = true;
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          if (item === undefined) continue;
          if (!first) out.push(',');
          first = false;
          out.push(JSON.stringify(k), ':');
          write(item, out);
        }
        out.push('}');
      }
      return;
    default:
      out.push('null');
  }
}

/**
 * gogoproto JSON omits zero scalars (0, false, ""); hand-written Go structs do
 * not. Generators call this only for payloads that are protobuf types.
 */
export function omitZero<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const res: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === 0 || v === 0n || v === false || v === '' || v === undefined) continue;
    res[k] = v;
  }
  return res as Partial<T>;
}

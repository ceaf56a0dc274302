// PostgreSQL result types as CockroachDB names and encodes them in sql/ answers
// (`colinfo.ResultColumns` → `{name, type: Typ.SQLString(), oid}`, values through
// `tree.AsJSON`): INT8 as bare integers (toJson writes bigint digit for digit, as
// Go does, so clients that JSON.parse lose precision beyond 2^53 just as they do
// against a real server), BYTES as `\x…`, TIMESTAMPTZ in RFC 3339, JSONB inline.

interface TypeInfo {
  name: string;
  /** The OID CockroachDB reports, which differs from PostgreSQL's for json and domains. */
  oid: number;
  decode: (raw: string) => unknown;
  elem?: number;
}

const asString = (raw: string): string => raw;
const asInt = (raw: string): bigint => BigInt(raw);
const asFloat = (raw: string): number | string => {
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
};
/** PostgreSQL prints `2025-06-01 12:00:00.123+00` in UTC sessions; Go's RFC3339Nano has `T` and `Z`. */
const asTimestampTz = (raw: string): string => {
  const iso = raw.replace(' ', 'T');
  return /[+-]00$/.test(iso) ? iso.replace(/[+-]00$/, 'Z') : iso.replace(/([+-]\d\d)$/, '$1:00');
};

const BASE: Record<number, TypeInfo> = {
  16: { name: 'BOOL', oid: 16, decode: (r) => r === 't' || r === 'true' },
  17: { name: 'BYTES', oid: 17, decode: asString },
  18: { name: '"char"', oid: 18, decode: asString },
  19: { name: 'NAME', oid: 19, decode: asString },
  20: { name: 'INT8', oid: 20, decode: asInt },
  21: { name: 'INT2', oid: 21, decode: asInt },
  23: { name: 'INT4', oid: 23, decode: asInt },
  25: { name: 'STRING', oid: 25, decode: asString },
  26: { name: 'OID', oid: 26, decode: asInt },
  114: { name: 'JSONB', oid: 3802, decode: (r) => JSON.parse(r) as unknown },
  700: { name: 'FLOAT4', oid: 700, decode: asFloat },
  701: { name: 'FLOAT8', oid: 701, decode: asFloat },
  705: { name: 'STRING', oid: 25, decode: asString },
  1042: { name: 'CHAR', oid: 1042, decode: asString },
  1043: { name: 'VARCHAR', oid: 1043, decode: asString },
  1082: { name: 'DATE', oid: 1082, decode: asString },
  1083: { name: 'TIME', oid: 1083, decode: asString },
  1114: { name: 'TIMESTAMP', oid: 1114, decode: (r) => r.replace(' ', 'T') },
  1184: { name: 'TIMESTAMPTZ', oid: 1184, decode: asTimestampTz },
  1186: { name: 'INTERVAL', oid: 1186, decode: asString },
  1700: { name: 'DECIMAL', oid: 1700, decode: asFloat },
  2950: { name: 'UUID', oid: 2950, decode: asString },
  3802: { name: 'JSONB', oid: 3802, decode: (r) => JSON.parse(r) as unknown },
};

/** PostgreSQL array OIDs and their element OIDs. */
const ARRAYS: Record<number, number> = {
  1000: 16,
  1001: 17,
  1005: 21,
  1007: 23,
  1009: 25,
  1015: 1043,
  1016: 20,
  1021: 700,
  1022: 701,
  1115: 1114,
  1182: 1082,
  1185: 1184,
  1187: 1186,
  1231: 1700,
  2951: 2950,
  3807: 3802,
};

const types = new Map<number, TypeInfo>(Object.entries(BASE).map(([k, v]) => [Number(k), v]));
for (const [arr, elem] of Object.entries(ARRAYS)) addArray(Number(arr), elem);

function addArray(arrayOid: number, elemOid: number): void {
  const e = types.get(elemOid);
  if (!e) return;
  const crdbArrayOid = Number(Object.entries(ARRAYS).find(([, el]) => el === e.oid)?.[0]);
  types.set(arrayOid, {
    name: `${e.name}[]`,
    oid: Number.isFinite(crdbArrayOid) ? crdbArrayOid : arrayOid,
    elem: elemOid,
    decode: (raw) => parseArrayLiteral(raw).map((x) => (x === null ? null : e.decode(x))),
  });
}

/** Domains (STRING, BYTES) and their arrays get OIDs at start-up; map them to their base types. */
export function registerDomain(oid: number, baseOid: number, arrayOid?: number): void {
  const base = types.get(baseOid);
  if (base) types.set(oid, base);
  if (arrayOid !== undefined) addArray(arrayOid, baseOid);
}

export function crdbColumnType(pgOid: number): { type: string; oid: number } {
  const t = types.get(pgOid);
  return t ? { type: t.name, oid: t.oid } : { type: 'STRING', oid: 25 };
}

export function crdbValue(pgOid: number, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  const t = types.get(pgOid);
  if (typeof raw !== 'string') return raw;
  return t ? t.decode(raw) : raw;
}

/** OIDs whose text the engine must get unparsed (PGlite would turn them into Dates, bigints…). */
export function rawParsers(): Record<number, (x: string) => string> {
  return Object.fromEntries([...types.keys()].map((oid) => [oid, (x: string) => x]));
}

/** `{a,"b c",NULL}` → ['a', 'b c', null]; one dimension, which is all CockroachDB has. */
export function parseArrayLiteral(raw: string): Array<string | null> {
  const s = raw.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return [s];
  const body = s.slice(1, -1);
  const out: Array<string | null> = [];
  let i = 0;
  while (i < body.length) {
    if (body[i] === '"') {
      let v = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        v += body[i] ?? '';
        i++;
      }
      out.push(v);
      i += 2; // closing quote and comma
    } else {
      const end = body.indexOf(',', i);
      const v = body.slice(i, end < 0 ? body.length : end);
      out.push(v === 'NULL' ? null : v);
      i = end < 0 ? body.length : end + 1;
    }
  }
  return out;
}

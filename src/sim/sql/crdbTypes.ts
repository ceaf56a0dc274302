// PostgreSQL result types as CockroachDB names and encodes them in sql/ answers
// (`colinfo.ResultColumns` → `{name, type: Typ.SQLString(), oid}`, values through
// `tree.AsJSON`, pkg/sql/sem/tree/datum.go):
// - INT8 (and INT4, INT2) as bare JSON integers, digit for digit as Go writes
//   them, so clients that JSON.parse lose precision beyond 2^53 just as they do
//   against a real server (clients read them losslessly or cast `::STRING`);
// - DECIMAL as a bare JSON number with every digit (`json.FromDecimal`), in apd's
//   notation: plain unless the exponent is positive or the adjusted exponent
//   below -6 (`1E-7`); NaN and ±Infinity, which JSON has no number for, as text;
// - JSONB inline, as the engine printed it (so integers beyond 2^64 stay exact);
// - BYTES as `\x…`, TIMESTAMPTZ in RFC 3339 (UTC, `Z`), TIMESTAMP without zone;
//   DATE, TIME, INTERVAL, UUID, INET and OID as their text.
// Type names carry their modifiers (`DECIMAL(10,2)`, `VARCHAR(5)`, `TIMESTAMPTZ(3)`).

import { RawJson, toJson } from '../json';

/** A JSON text written into the answer as it is (DECIMAL digits, JSONB documents). */
export { RawJson };

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
const asJson = (raw: string): RawJson => new RawJson(raw);

/** PostgreSQL's numeric text → apd's Decimal.String() (the General Decimal Arithmetic to-sci-string). */
export function apdDecimal(raw: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(raw.trim());
  if (!m) return raw;
  const [, sign, int, frac = ''] = m as unknown as [string, string, string, string | undefined];
  const exponent = -frac.length;
  const coefficient = `${int}${frac}`.replace(/^0+(?=\d)/, '');
  const adjusted = exponent + coefficient.length - 1;
  if (exponent <= 0 && adjusted >= -6) return raw.trim();
  const mantissa = coefficient.length > 1 ? `${coefficient[0]}.${coefficient.slice(1)}` : coefficient;
  return `${sign}${mantissa}E${adjusted < 0 ? '-' : '+'}${Math.abs(adjusted)}`;
}

const asDecimal = (raw: string): RawJson | string => (/^-?\d+(\.\d+)?$/.test(raw) ? new RawJson(apdDecimal(raw)) : raw);

const BASE: Record<number, TypeInfo> = {
  16: { name: 'BOOL', oid: 16, decode: (r) => r === 't' || r === 'true' },
  17: { name: 'BYTES', oid: 17, decode: asString },
  18: { name: '"char"', oid: 18, decode: asString },
  19: { name: 'NAME', oid: 19, decode: asString },
  20: { name: 'INT8', oid: 20, decode: asInt },
  21: { name: 'INT2', oid: 21, decode: asInt },
  23: { name: 'INT4', oid: 23, decode: asInt },
  25: { name: 'STRING', oid: 25, decode: asString },
  26: { name: 'OID', oid: 26, decode: asString },
  114: { name: 'JSONB', oid: 3802, decode: asJson },
  700: { name: 'FLOAT4', oid: 700, decode: asFloat },
  701: { name: 'FLOAT8', oid: 701, decode: asFloat },
  705: { name: 'STRING', oid: 25, decode: asString },
  869: { name: 'INET', oid: 869, decode: asString },
  1042: { name: 'CHAR', oid: 1042, decode: asString },
  1043: { name: 'VARCHAR', oid: 1043, decode: asString },
  1082: { name: 'DATE', oid: 1082, decode: asString },
  1083: { name: 'TIME', oid: 1083, decode: asString },
  1114: { name: 'TIMESTAMP', oid: 1114, decode: (r) => r.replace(' ', 'T') },
  1184: { name: 'TIMESTAMPTZ', oid: 1184, decode: asTimestampTz },
  1186: { name: 'INTERVAL', oid: 1186, decode: asString },
  1266: { name: 'TIMETZ', oid: 1266, decode: asString },
  1700: { name: 'DECIMAL', oid: 1700, decode: asDecimal },
  2950: { name: 'UUID', oid: 2950, decode: asString },
  3802: { name: 'JSONB', oid: 3802, decode: asJson },
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
  1041: 869,
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

/** The type name with PostgreSQL's type modifier (atttypmod) as CockroachDB spells it. */
function withModifier(name: string, baseOid: number, typmod: number): string {
  if (typmod < 0) return name;
  switch (baseOid) {
    case 1700: {
      if (typmod < 4) return name;
      const precision = ((typmod - 4) >> 16) & 0xffff;
      const scale = (typmod - 4) & 0xffff;
      return scale > 0 ? `${name}(${precision},${scale})` : `${name}(${precision})`;
    }
    case 1043:
      return typmod >= 4 ? `${name}(${typmod - 4})` : name;
    case 1042:
      return typmod > 5 ? `${name}(${typmod - 4})` : name;
    case 1083:
    case 1114:
    case 1184:
    case 1266:
      return `${name}(${typmod})`;
    default:
      return name;
  }
}

/**
 * `{type, oid}` of a result column. `fromTable` says whether it is a table's column:
 * PostgreSQL types integer literals and most integer functions INT4, CockroachDB INT8.
 */
export function crdbColumnType(pgOid: number, typmod = -1, fromTable = true): { type: string; oid: number } {
  if (!fromTable && (pgOid === 21 || pgOid === 23)) return { type: 'INT8', oid: 20 };
  const t = types.get(pgOid);
  if (!t) return { type: 'STRING', oid: 25 };
  if (t.elem !== undefined) {
    const e = types.get(t.elem);
    const elemName = e ? withModifier(e.name, t.elem, typmod) : t.name.slice(0, -2);
    return { type: `${elemName}[]`, oid: t.oid };
  }
  return { type: withModifier(t.name, pgOid, typmod), oid: t.oid };
}

export function crdbValue(pgOid: number, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  const t = types.get(pgOid);
  if (typeof raw !== 'string') return raw;
  return t ? t.decode(raw) : raw;
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

/** The sql/ answer as JSON: bigint digit for digit, `undefined` members dropped, RawJson as it is. */
export const wireJson = toJson;

// Pretty-printing of raw CockroachDB keys (base64 `[]byte` on the wire), for
// v21 hot ranges, which carry only `start_key`/`end_key` and no table names.
// A table key starts with the table id and index id, each encoded by
// EncodeUvarintAscending (pkg/util/encoding/encoding.go): a tag byte 0x88+v for
// v <= 109, else 0xf5+n followed by n big-endian bytes. Primary-key integers use
// EncodeVarintAscending, which adds tags 0x80..0x87 for negatives. Only what can
// be read with certainty is decoded; the rest is shown as escaped bytes.

const INT_MIN = 0x80;
const INT_ZERO = 0x88;
const INT_SMALL = 109;
const INT_MAX = 0xfd;
const TENANT_PREFIX = 0xfe;

/** One varint at `at`: its value and the index after it, or undefined if the bytes are not one. */
export function decodeVarintAscending(b: Uint8Array, at: number): { value: bigint; next: number } | undefined {
  const tag = b[at];
  if (tag === undefined || tag < INT_MIN || tag > INT_MAX) return undefined;
  if (tag >= INT_ZERO && tag <= INT_ZERO + INT_SMALL) return { value: BigInt(tag - INT_ZERO), next: at + 1 };
  const positive = tag > INT_ZERO + INT_SMALL;
  const width = positive ? tag - (INT_ZERO + INT_SMALL) : INT_ZERO - tag;
  if (at + 1 + width > b.length) return undefined;
  let v = 0n;
  for (let i = 0; i < width; i++)
    v = (v << 8n) | BigInt(positive ? (b[at + 1 + i] as number) : 0xff ^ (b[at + 1 + i] as number));
  return { value: positive ? v : -v - 1n, next: at + 1 + width };
}

/** Go's %q style: printable ASCII as is, everything else as \xNN. */
function escaped(b: Uint8Array): string {
  let s = '';
  for (const c of b)
    s +=
      c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c
        ? String.fromCharCode(c)
        : `\\x${c.toString(16).padStart(2, '0')}`;
  return `"${s}"`;
}

const PREFIXES: ReadonlyArray<[number, string]> = [
  [0x01, '/Local'],
  [0x02, '/Meta1'],
  [0x03, '/Meta2'],
  [0x04, '/System'],
];

/** `/Table/<id>/<index>/<ints…>` while the bytes decode as ints, then the rest escaped. */
function tableKey(b: Uint8Array, at: number, prefix: string): string | undefined {
  const parts: string[] = [];
  let i = at;
  for (;;) {
    const v = decodeVarintAscending(b, i);
    if (!v || (parts.length < 2 && v.value < 0n)) break;
    parts.push(v.value.toString());
    i = v.next;
  }
  if (parts.length === 0) return undefined;
  const rest = i < b.length ? `/${escaped(b.subarray(i))}` : '';
  return `${prefix}/Table/${parts.join('/')}${rest}`;
}

export function prettyKey(b: Uint8Array): string {
  if (b.length === 0) return '/Min';
  if (b.length === 2 && b[0] === 0xff && b[1] === 0xff) return '/Max';
  let prefix = '';
  let at = 0;
  if (b[0] === TENANT_PREFIX) {
    const t = decodeVarintAscending(b, 1);
    if (t && t.value >= 0n) {
      prefix = `/Tenant/${t.value}`;
      at = t.next;
      if (at === b.length) return prefix;
    }
  }
  const table = tableKey(b, at, prefix);
  if (table !== undefined) return table;
  const known = PREFIXES.find(([byte]) => b[at] === byte);
  if (known && !prefix) return at + 1 < b.length ? `${known[1]}/${escaped(b.subarray(at + 1))}` : known[1];
  return `${prefix}${prefix ? '/' : ''}${escaped(b.subarray(at))}`;
}

/** Already pretty (what `span` carries). Tenant keys' base64 also starts with `/`, hence the words. */
const PRETTY = /^\/(Min|Max|Table|Tenant|System|Meta1|Meta2|Local|NamespaceTable)(\/|$)/;

/**
 * A wire key (standard or URL-safe base64) pretty-printed; a string that is not
 * base64 is returned as it came, since some servers already send a pretty form.
 */
export function prettyKeyFromBase64(raw: string): string {
  const s = raw.trim();
  if (s === '') return '';
  if (PRETTY.test(s) || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(s) || s.length % 4 === 1) return raw;
  return prettyKey(Uint8Array.from(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64')));
}

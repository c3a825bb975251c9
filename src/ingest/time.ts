/**
 * Time normalisation: every timestamp a reader takes from an export ends as ISO 8601 UTC with a
 * trailing `Z` (RawEvent.timeCreated contract, ARCHITECTURE.md "dump --format jsonl").
 *
 * Exports disagree on the form: EVTX/evtx_dump write `2019-03-19T23:34:25.1234567Z`, Sysmon's own
 * `UtcTime` is `yyyy-mm-dd hh:mm:ss.fff` (UTC, no zone), Winlogbeat/ECS write `@timestamp` with
 * millisecond precision, Splunk `_time` carries an offset (`+00:00`) and some tools write epoch
 * milliseconds. The fraction is kept digit for digit (truncated to the 7 digits a FILETIME holds)
 * so that no precision is invented or lost.
 */

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/** Seconds since 1970 below this are read as seconds, above as milliseconds (year 5138 vs 1973). */
const EPOCH_MS_THRESHOLD = 1e11;

/** Returns the time as `YYYY-MM-DDThh:mm:ss[.f{1,7}]Z`, or null when it is not a time we know. */
export function toUtcIso(value: string | number): string | null {
  if (typeof value === 'number') return fromEpoch(value);
  const s = value.trim();
  if (/^\d{9,16}(\.\d+)?$/.test(s)) return fromEpoch(Number(s));
  const m = ISO_LIKE.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac = '', zone = 'Z'] = m;
  if (
    !inRange(mo, 1, 12) ||
    !inRange(d, 1, 31) ||
    !inRange(h, 0, 23) ||
    !inRange(mi, 0, 59) ||
    !inRange(sec, 0, 60)
  ) {
    return null;
  }
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  if (Number.isNaN(ms)) return null;
  ms -= zoneOffsetMinutes(zone) * 60_000;
  const whole = new Date(ms);
  if (Number.isNaN(whole.getTime())) return null;
  const base = whole.toISOString().slice(0, 19);
  const digits = frac.slice(0, 7);
  return digits ? `${base}.${digits}Z` : `${base}Z`;
}

function inRange(v: string | undefined, lo: number, hi: number): boolean {
  const n = Number(v);
  return n >= lo && n <= hi;
}

function zoneOffsetMinutes(zone: string): number {
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return 0;
  const sign = z.startsWith('-') ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function fromEpoch(n: number): string | null {
  if (!Number.isFinite(n) || n < 0) return null;
  const ms = n < EPOCH_MS_THRESHOLD ? n * 1000 : n;
  const d = new Date(Math.floor(ms));
  if (Number.isNaN(d.getTime())) return null;
  // Keep the sub-millisecond part of fractional epoch values only to millisecond precision.
  return d.toISOString();
}

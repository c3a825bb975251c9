/**
 * How Sigma field names read a `RawEvent`.
 *
 * Field naming follows the Sigma rules specification "Field Usage": `<Data Name="X">` is `X`,
 * System elements keep their names (`EventID`, `Channel`, `Computer`), attributes become
 * `Element_Attribute` (`Provider_Name`, `Security_UserID`). System names win over EventData
 * names; everything else is looked up in `RawEvent.data`.
 *
 * One view is made per event and caches lower-cased values, so a field tested by many rules is
 * lower-cased once.
 */
import type { RawEvent } from '../model/events.js';

type SystemGetter = (e: RawEvent) => string | undefined;

const SYSTEM_FIELDS: ReadonlyMap<string, SystemGetter> = new Map<string, SystemGetter>([
  ['EventID', (e) => String(e.eventId)],
  ['Channel', (e) => e.channel || undefined],
  ['Provider_Name', (e) => e.provider || undefined],
  ['Computer', (e) => e.computer || undefined],
  ['EventRecordID', (e) => (e.recordId === null ? undefined : String(e.recordId))],
  ['TimeCreated_SystemTime', (e) => e.timeCreated || undefined],
  ['Security_UserID', (e) => e.userId],
  ['Version', (e) => (e.version === undefined ? undefined : String(e.version))],
]);

/** Names handled from System/ (documented in docs/sigma.md). */
export const SYSTEM_FIELD_NAMES: readonly string[] = [...SYSTEM_FIELDS.keys()];

export class EventView {
  private lowerCache: Map<string, string | undefined> | undefined;
  private allValues: string[] | undefined;
  private allLower: string[] | undefined;

  constructor(readonly event: RawEvent) {}

  /** The field's value as logged, or undefined when the event has no such field. */
  get(field: string): string | undefined {
    const sys = SYSTEM_FIELDS.get(field);
    if (sys) return sys(this.event);
    return this.event.data[field];
  }

  /** Lower-cased value (cached per event). */
  lower(field: string): string | undefined {
    let cache = this.lowerCache;
    if (!cache) cache = this.lowerCache = new Map();
    if (cache.has(field)) return cache.get(field);
    const v = this.get(field)?.toLowerCase();
    cache.set(field, v);
    return v;
  }

  /** Every value of the event (System fields and EventData), for keyword search. */
  values(): readonly string[] {
    if (this.allValues) return this.allValues;
    const out: string[] = [];
    for (const g of SYSTEM_FIELDS.values()) {
      const v = g(this.event);
      if (v !== undefined) out.push(v);
    }
    for (const k in this.event.data) {
      const v = this.event.data[k];
      if (v !== undefined) out.push(v);
    }
    this.allValues = out;
    return out;
  }

  valuesLower(): readonly string[] {
    return (this.allLower ??= this.values().map((v) => v.toLowerCase()));
  }
}

import type { EventRef, NormalizedEvent } from '../model/normalized.js';

/**
 * Normalised events packed for the trip from a worker to the hunt. Structured clone writes every
 * property name of every object and rebuilds each object property by property; an array of
 * values per event, with each distinct list of property names sent once per batch, clones in
 * about a third of the time (36,586 events of the 200 MB bench file, v8.serialize and
 * deserialize: 156 ms as objects, 58 ms packed). Unpacking assigns the properties in their
 * original order, so the events are the same objects, key order included, as in one thread.
 */
export interface PackedEvents {
  /** Property names of each shape, in order; `ref` (an EventRef) stands for its three values. */
  shapes: string[][];
  /** Per event: its shape's index, then its property values in the shape's order. */
  rows: unknown[][];
}

export class EventPacker {
  private shapes: string[][] = [];
  private readonly byKey = new Map<string, number>();
  private rows: unknown[][] = [];
  private readonly lastByType = new Map<string, number>();

  get size(): number {
    return this.rows.length;
  }

  add(e: NormalizedEvent): void {
    // Events of a type nearly always share their shape: try the last one of the type first.
    const last = this.lastByType.get(e.type);
    const row = last !== undefined ? this.rowIn(e, last) : null;
    this.rows.push(row ?? this.rowNew(e));
  }

  /** The event's row in shape `shape`, or null when its properties differ from the shape's. */
  private rowIn(e: NormalizedEvent, shape: number): unknown[] | null {
    const keys = this.shapes[shape]!;
    const row: unknown[] = [shape];
    const values = e as unknown as Record<string, unknown>;
    let i = 0;
    for (const k in values) {
      if (keys[i++] !== k) return null;
      if (k === 'ref') {
        const r = e.ref;
        row.push(r.file, r.eventRecordId, r.eventId);
      } else row.push(values[k]);
    }
    return i === keys.length ? row : null;
  }

  private rowNew(e: NormalizedEvent): unknown[] {
    const keys = Object.keys(e);
    const key = keys.join('\0');
    let shape = this.byKey.get(key);
    if (shape === undefined) {
      shape = this.shapes.length;
      this.shapes.push(keys);
      this.byKey.set(key, shape);
    }
    this.lastByType.set(e.type, shape);
    return this.rowIn(e, shape)!;
  }

  /** The events added since the last take, packed; the packer starts afresh. */
  take(): PackedEvents {
    const packed = { shapes: this.shapes, rows: this.rows };
    this.shapes = [];
    this.byKey.clear();
    this.lastByType.clear();
    this.rows = [];
    return packed;
  }
}

/** The events of a batch, as the worker had them. */
export function unpackEvents(p: PackedEvents): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (const row of p.rows) {
    const keys = p.shapes[row[0] as number]!;
    const e: Record<string, unknown> = {};
    let i = 1;
    for (const k of keys) {
      if (k === 'ref') {
        const ref: EventRef = {
          file: row[i] as string,
          eventRecordId: row[i + 1] as number | null,
          eventId: row[i + 2] as number,
        };
        e.ref = ref;
        i += 3;
      } else e[k] = row[i++];
    }
    out.push(e as unknown as NormalizedEvent);
  }
  return out;
}

/**
 * One fuzz case is (input file, seed): the mutation is derived from the seed, so a failing case
 * replays exactly. Used by the worker and by scripts/fuzz.mjs to save regression samples.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkEvtx } from './check-evtx.js';
import { checkText } from './check-text.js';
import { evtxLayout, type EvtxLayout } from './evtx-layout.js';
import { mutateEvtx, type Range } from './evtx-mutate.js';
import { Rng } from './rng.js';
import { mutateText } from './text-mutate.js';

export interface FuzzCase {
  file: string;
  seed: number;
}

export interface CaseOutcome {
  ops: string[];
  failures: string[];
  events: number;
  issues: number;
}

export interface Replayed {
  kind: 'evtx' | 'text';
  bytes: Uint8Array;
  touched: Range[];
  ops: string[];
}

const cache = new Map<string, { bytes: Uint8Array; layout: EvtxLayout | null }>();

export function load(file: string): { bytes: Uint8Array; layout: EvtxLayout | null } {
  let c = cache.get(file);
  if (c === undefined) {
    const bytes = new Uint8Array(readFileSync(file));
    const isEvtx =
      bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).toString('latin1') === 'ElfFile\0';
    c = { bytes, layout: isEvtx ? evtxLayout(bytes) : null };
    cache.set(file, c);
  }
  return c;
}

export function replay(c: FuzzCase): Replayed {
  const { bytes, layout } = load(c.file);
  const r = new Rng(c.seed);
  if (layout !== null) {
    const m = mutateEvtx(bytes, layout, r);
    return { kind: 'evtx', ...m };
  }
  const m = mutateText(bytes, r);
  return { kind: 'text', bytes: m.bytes, touched: [], ops: m.ops };
}

export function runCase(c: FuzzCase): CaseOutcome {
  const m = replay(c);
  const { layout } = load(c.file);
  const res =
    m.kind === 'evtx' && layout !== null
      ? checkEvtx(m.bytes, layout, m.touched)
      : checkText(m.bytes, basename(c.file));
  return { ops: m.ops, ...res };
}

/** The intact file's result, to show that no state leaks from one input to the next. */
export function fingerprint(file: string): string {
  const { bytes, layout } = load(file);
  const r = layout !== null ? checkEvtx(bytes, layout, []) : checkText(bytes, basename(file));
  return `${r.events}/${r.issues}/${r.failures.length}`;
}

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputSummary, RawEvent } from '../../src/model/events.js';
import { readInputs } from '../../src/ingest/read-inputs.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedRoot = resolve(repoRoot, '..', 'shared');
export const hasShared = existsSync(resolve(sharedRoot, 'corpus'));
export const rendered = (name: string): string =>
  resolve(repoRoot, 'test/samples/ingest/rendered', name);
export const sample = (name: string): string => resolve(repoRoot, 'test/samples/ingest', name);

/** Reads inputs, returning the events and the per-input summaries. */
export function readAll(paths: string[]): { events: RawEvent[]; inputs: InputSummary[] } {
  const inputs: InputSummary[] = [];
  const events = [...readInputs(paths, { onInput: (s) => inputs.push(s) })];
  return { events, inputs };
}

/** Per-layout allowances: what an export format is known to lose or reshape. */
export interface CompareRule {
  /** Compare timeCreated only to this many fraction digits (the export's precision). */
  timeDigits?: number;
  /** Fields of RawEvent the export does not carry. */
  ignoreSystem?: ('version' | 'userId' | 'recordId')[];
  /** Values compared after trimming trailing whitespace (evtx_dump trims). */
  trimEnd?: boolean;
  /** An empty value in the reference counts as absent (CSV cannot tell them apart). */
  emptyIsAbsent?: boolean;
  /** Compare only these data fields (Defender carries a mapped subset). */
  onlyData?: string[];
  /** Data fields the export cannot give back. */
  lostData?: string[];
  /** A "-" value in the reference counts as absent (the Elastic Sysmon pipeline drops them). */
  dashIsAbsent?: boolean;
}

function cutTime(t: string, digits: number | undefined): string {
  if (digits === undefined) return t;
  const m = /^(.*?)(?:\.(\d+))?Z$/.exec(t);
  if (!m) return t;
  const frac = (m[2] ?? '').padEnd(digits, '0').slice(0, digits);
  return digits === 0 ? `${m[1]}Z` : `${m[1]}.${frac}Z`;
}

/** Field-by-field differences between a reference event (EVTX) and the same event read from an export. */
export function differences(ref: RawEvent, got: RawEvent, rule: CompareRule = {}): string[] {
  const out: string[] = [];
  const eq = (name: string, a: unknown, b: unknown): void => {
    if (a !== b) out.push(`${name}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  };
  eq('eventId', ref.eventId, got.eventId);
  eq('provider', ref.provider, got.provider);
  eq('channel', ref.channel, got.channel);
  eq('computer', ref.computer, got.computer);
  eq(
    'timeCreated',
    cutTime(ref.timeCreated, rule.timeDigits),
    cutTime(got.timeCreated, rule.timeDigits),
  );
  const ignore = new Set(rule.ignoreSystem ?? []);
  if (!ignore.has('recordId')) eq('recordId', ref.recordId, got.recordId);
  if (!ignore.has('version')) eq('version', ref.version, got.version);
  if (!ignore.has('userId')) eq('userId', ref.userId, got.userId);
  const norm = (v: string | undefined): string | undefined =>
    v !== undefined && rule.trimEnd ? v.trimEnd() : v;
  const lost = new Set(rule.lostData ?? []);
  const names = rule.onlyData ?? [...new Set([...Object.keys(ref.data), ...Object.keys(got.data)])];
  for (const k of names) {
    if (lost.has(k)) continue;
    let a = norm(ref.data[k]);
    if (rule.emptyIsAbsent && a === '') a = undefined;
    if (rule.dashIsAbsent && a === '-') a = undefined;
    eq(`data.${k}`, a, norm(got.data[k]));
  }
  return out;
}

import type { Candidate, Signal } from '../model/candidate.js';
import type {
  FileEvent,
  NormalizedEvent,
  ProcessEvent,
  RegistryEvent,
} from '../model/normalized.js';
import {
  canonicalRegistryPath,
  logicalKey,
  type RegistryPath,
} from '../normalize/registry-path.js';
import { matchAsep, matchStartupFolder, type AsepMatch } from './catalog/asep.js';

export interface DetectorOptions {
  /** `--baseline` files: known-good autostart entries. */
  baselineFiles?: readonly string[];
}

export interface Detector {
  /** The candidate finding an event starts, or null when the event is not an autostart write. */
  candidate(e: NormalizedEvent): Candidate | null;
  /** Adds what can only be judged once the chain is linked (the writer, the baseline). */
  finish(c: Candidate): void;
}

export function createDetector(_opts: DetectorOptions = {}): Detector {
  return {
    candidate(e) {
      if (e.type === 'registry') return registryCandidate(e);
      if (e.type === 'file') return fileCandidate(e);
      return processCandidate(e);
    },
    finish(_c) {},
  };
}

function emptyCandidate(
  kind: Candidate['kind'],
  e: NormalizedEvent,
  location: Candidate['location'],
  matchKey: string,
  signals: Signal[],
): Candidate {
  return {
    kind,
    event: e,
    location,
    matchKey,
    payloadPaths: [],
    signals,
    chain: { payloadCreated: [], payloadExecuted: [], later: [], related: [] },
    evidence: [e.ref],
    baseline: { status: 'unknown' },
  };
}

/** `key|valuename`: how deletes, overwrites and command lines find the entry they touch. */
export function entryKey(p: RegistryPath): string {
  return `${p.key}|${p.valueName.toLowerCase()}`;
}

function registryCandidate(e: RegistryEvent): Candidate | null {
  if (e.eventType !== 'SetValue' && e.eventType !== 'RenameKey' && e.eventType !== 'RenameValue') {
    return null;
  }
  const path = canonicalRegistryPath(e.eventType === 'SetValue' ? e.targetObject : e.newName);
  const m = matchAsep(path);
  if (!m || m.kind !== 'persistence') return null;
  const signals: Signal[] = [{ id: 'asep-write', detail: m.locationId }];
  if (path.hiddenValueName) signals.push({ id: 'hidden-value-name', detail: e.targetObject });
  const c = emptyCandidate('registry', e, location(m), entryKey(path), signals);
  c.registry = {
    targetObject: e.targetObject,
    hive: path.hive,
    key: logicalKey(path),
    valueName: path.valueName,
    details: e.details,
    eventType: e.eventType,
  };
  return c;
}

function fileCandidate(e: FileEvent): Candidate | null {
  if (e.action !== 'create') return null;
  const m = matchStartupFolder(e.targetFilename);
  if (!m || m.kind !== 'persistence') return null;
  const c = emptyCandidate(
    'startup-folder',
    e,
    { id: m.locationId, description: m.description, techniques: m.techniques },
    `startup|${e.targetFilename.toLowerCase()}`,
    [{ id: 'startup-folder-drop', detail: m.fileName }],
  );
  c.file = { targetFilename: e.targetFilename };
  c.payloadPaths = [e.targetFilename.toLowerCase()];
  return c;
}

function processCandidate(_e: ProcessEvent): Candidate | null {
  return null;
}

function location(m: AsepMatch): Candidate['location'] {
  return { id: m.locationId, description: m.description, techniques: m.techniques };
}

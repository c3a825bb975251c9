import type { Candidate, Signal } from '../model/candidate.js';
import type {
  FileEvent,
  NormalizedEvent,
  ProcessEvent,
  RegistryEvent,
} from '../model/normalized.js';
import {
  canonicalRegistryKey,
  canonicalRegistryPath,
  logicalKey,
  type RegistryPath,
} from '../normalize/registry-path.js';
import {
  loadBaselineFile,
  matchBaseline,
  shippedKnownGood,
  type Baseline,
} from './baseline/baseline.js';
import { autostartRegistryTest } from './autostart-registry.js';
import { matchAsep, matchStartupFolder, type AsepMatch } from './catalog/asep.js';
import {
  detectAutostartCommands,
  isAutostartWrite,
} from './command-evidence/detect-autostart-command.js';
import { analyzeStartupFile } from './value/analyze-startup-file.js';
import { analyzeValue, pathSignals } from './value/analyze-value.js';
import { canonicalPath } from './value/canonical-path.js';
import { analyzeWriter } from './writer/analyze-writer.js';

export interface DetectorOptions {
  /** `--baseline` files: known-good autostart entries (YAML or JSON, docs/data-files.md). */
  baselineFiles?: readonly string[];
}

export interface Detector {
  /** The candidate finding an event starts, or null when the event is not an autostart write. */
  candidate(e: NormalizedEvent): Candidate | null;
  /** Adds what can only be judged once the chain is linked: the writer and the baseline. */
  finish(c: Candidate): void;
  /** A registry event on an autostart location (any kind): worth keeping for later links. */
  isAutostartRegistry(e: RegistryEvent): boolean;
}

/** Locations whose data is compared to Windows' own default; anything else fires the indicator. */
const DEFAULT_CHECKED: Readonly<Record<string, string>> = {
  'user-startup-folder-redirect': 'startup-redirect',
  'common-startup-folder-redirect': 'startup-redirect',
  'winlogon-userinit-shell': 'winlogon-shell-userinit',
};

export function createDetector(opts: DetectorOptions = {}): Detector {
  const isAutostartRegistry = autostartRegistryTest();
  const baselines: Baseline[] = [
    shippedKnownGood(),
    ...(opts.baselineFiles ?? []).map((f) => loadBaselineFile(f)),
  ];
  return {
    candidate(e) {
      if (e.type === 'registry') return registryCandidate(e, isAutostartRegistry);
      if (e.type === 'file') return fileCandidate(e);
      return processCandidate(e);
    },
    finish(c) {
      finishCandidate(c, baselines);
    },
    isAutostartRegistry,
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

function location(m: AsepMatch): Candidate['location'] {
  return { id: m.locationId, description: m.description, techniques: m.techniques };
}

/** An autostart match worth a finding: a persistence location, not a key-only touch. */
function persistenceMatch(p: RegistryPath): AsepMatch | null {
  const m = matchAsep(p);
  return m && m.kind === 'persistence' ? m : null;
}

/** `isAutostart`: the detector's remembered autostart test (autostart-registry.ts). */
function registryCandidate(
  e: RegistryEvent,
  isAutostart: (e: RegistryEvent) => boolean,
): Candidate | null {
  let path: RegistryPath;
  let m: AsepMatch | null;
  // A value set off every autostart location matches nothing below (the test looks its canonical
  // path up in the same catalogue): the remembered answer saves canonicalising it again.
  if (e.eventType === 'SetValue' && !isAutostart(e)) return null;
  if (e.eventType === 'SetValue' || e.eventType === 'RenameValue') {
    if (e.eventType === 'RenameValue' && !e.newName) return null;
    path = canonicalRegistryPath(e.eventType === 'SetValue' ? e.targetObject : e.newName);
    m = persistenceMatch(path);
  } else if (e.eventType === 'RenameKey') {
    // A key renamed onto a Run-style key brings all its values with it: an entry per value.
    if (!e.newName) return null;
    path = canonicalRegistryKey(e.newName);
    const km = matchAsep(path);
    m = km && km.valueIsEntry ? { ...km, kind: 'persistence' } : null;
  } else return null;
  if (!m) return null;
  const signals: Signal[] = [
    { id: m.tier === 'core' ? 'asep-write' : 'asep-write-extended', detail: m.locationId },
  ];
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
  analyzeData(c, m, e.details);
  return c;
}

/** Sysmon's renderings of non-string data: nothing to run. */
const NOT_A_COMMAND = /^(DWORD|QWORD) \(0x[0-9a-f]+\)$|^Binary Data$|^\(Empty\)$/i;

/** What the value data runs, by the location's kind of data. */
function analyzeData(c: Candidate, m: AsepMatch, data: string): void {
  if (data === '' || NOT_A_COMMAND.test(data)) return;
  if (m.dataKind === 'folder') {
    // The data is a folder whose files run at logon: classify where it points.
    pathSignals(c.signals, data);
    c.payloadPaths.push(canonicalPath(data));
    return;
  }
  if (m.dataKind === 'flag' || m.dataKind === 'clsid' || m.dataKind === 'other') return;
  const parts = m.dataKind === 'command-list' ? data.split(',').filter((s) => s.trim()) : [data];
  for (const part of parts) {
    const a = analyzeValue(part);
    if (!c.command) c.command = a.command;
    for (const s of a.signals) c.signals.push(s);
    for (const t of [...a.parsed.targetFiles, ...a.parsed.scriptFiles]) {
      const p = canonicalPath(t);
      if (p && !c.payloadPaths.includes(p)) c.payloadPaths.push(p);
    }
  }
}

function fileCandidate(e: FileEvent): Candidate | null {
  if (e.action !== 'create') return null;
  const m = matchStartupFolder(e.targetFilename);
  if (!m || m.kind !== 'persistence') return null;
  const c = emptyCandidate(
    'startup-folder',
    e,
    { id: m.locationId, description: m.description, techniques: m.techniques },
    `startup|${canonicalPath(e.targetFilename)}`,
    [{ id: 'startup-folder-drop', detail: m.fileName }, ...analyzeStartupFile(e.targetFilename)],
  );
  c.file = { targetFilename: e.targetFilename };
  // No path-class signals here: every per-user Startup folder lies in AppData by design.
  c.payloadPaths = [canonicalPath(e.targetFilename)];
  return c;
}

function processCandidate(e: ProcessEvent): Candidate | null {
  // Only writes start a finding; deletes and reads are linked to findings as later events.
  const cmd = detectAutostartCommands(e.commandLine).find((x) => isAutostartWrite(x.action));
  if (!cmd) return null;
  let m: AsepMatch | null = null;
  let key = '';
  if (cmd.key !== undefined) {
    const path =
      cmd.valueName !== undefined
        ? canonicalRegistryPath(`${cmd.key.replace(/\\+$/, '')}\\${cmd.valueName}`)
        : canonicalRegistryKey(cmd.key);
    m = persistenceMatch(path);
    if (!m) return null;
    key = entryKey(path);
  }
  let loc: Candidate['location'];
  if (m) loc = location(m);
  else if (cmd.targetFile !== undefined) {
    const sm = matchStartupFolder(cmd.targetFile);
    loc = sm
      ? { id: sm.locationId, description: sm.description, techniques: sm.techniques }
      : { id: 'startup-folder', description: 'A Startup folder', techniques: ['T1547.001'] };
  } else return null;
  const c = emptyCandidate('command-line', e, loc, key, [
    { id: 'command-line-autostart-write', detail: e.commandLine.slice(0, 300) },
  ]);
  if (cmd.targetFile !== undefined) {
    c.file = { targetFilename: cmd.targetFile };
    c.matchKey = `startup|${canonicalPath(cmd.targetFile)}`;
    c.payloadPaths.push(canonicalPath(cmd.targetFile));
  }
  if (m && cmd.key !== undefined) {
    // The write as the command line states it, so the finding shows key, value and data.
    const path = canonicalRegistryPath(`${cmd.key.replace(/\\+$/, '')}\\${cmd.valueName ?? ''}`);
    c.registry = {
      targetObject: `${cmd.key.replace(/\\+$/, '')}\\${cmd.valueName ?? ''}`,
      hive: path.hive,
      key: logicalKey(path),
      valueName: cmd.valueName ?? '',
      details: cmd.data ?? '',
      eventType: 'SetValue',
    };
    if (cmd.data !== undefined) analyzeData(c, m, cmd.data);
  }
  return c;
}

function finishCandidate(c: Candidate, baselines: readonly Baseline[]): void {
  const w = c.writer;
  const image = w?.image ?? c.event.image;
  const writerSignals = analyzeWriter({
    image,
    ...(w?.commandLine ? { commandLine: w.commandLine } : {}),
    ...(w?.parentImage ? { parentImage: w.parentImage } : {}),
    ...(w?.user ? { user: w.user } : {}),
    ...(w?.integrityLevel ? { integrityLevel: w.integrityLevel } : {}),
  });
  for (const s of writerSignals) c.signals.push(s);
  const data = c.registry?.details ?? c.file?.targetFilename ?? '';
  const valueName = c.registry?.valueName ?? (c.file ? lastSegment(c.file.targetFilename) : '');
  const regScope = c.registry ? canonicalRegistryPath(c.registry.targetObject).scope : 'unknown';
  const scope = regScope === 'unknown' ? undefined : regScope;
  const verdict = matchBaseline(
    {
      locationId: c.location.id,
      valueName,
      data,
      writerImage: image,
      host: c.event.host,
      ...(scope ? { scope } : {}),
    },
    baselines,
  );
  c.baseline =
    verdict.match !== undefined
      ? { status: verdict.status, match: verdict.match }
      : { status: verdict.status };
  if (verdict.status === 'known')
    c.signals.push({ id: 'baseline-known', detail: verdict.match ?? '' });
  if (verdict.status === 'changed') {
    c.signals.push({ id: 'baseline-changed', detail: verdict.match ?? '' });
  }
  if (verdict.status === 'new') c.signals.push({ id: 'baseline-new' });
  const defaultIndicator = DEFAULT_CHECKED[c.location.id];
  if (defaultIndicator && verdict.status !== 'known' && c.kind === 'registry') {
    c.signals.push({ id: defaultIndicator, detail: data });
  }
}

function lastSegment(p: string): string {
  const i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
  return i >= 0 ? p.slice(i + 1) : p;
}

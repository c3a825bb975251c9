import type { Candidate } from '../model/candidate.js';
import type { FileEvent, RegistryEvent } from '../model/normalized.js';
import { canonicalPath } from '../detect/value/canonical-path.js';
import { payloadMatcher } from './payload-match.js';
import { detectAutostartCommands } from '../detect/command-evidence/detect-autostart-command.js';
import type { EventIndex } from './event-index.js';
import { linkedEvent } from './linked-event.js';

/** Parents that start autostart entries at logon (Run keys: explorer; RunOnce: runonce; Winlogon: userinit). */
const LOGON_PARENTS = new Set(['explorer.exe', 'userinit.exe', 'runonce.exe', 'winlogon.exe']);

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return (i >= 0 ? path.slice(i + 1) : path).toLowerCase();
}

const sameHost = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Links the evidence around one candidate: the writer's own process creation (by ProcessGuid),
 * the payload's creation before the write and its execution after it (by path), and what
 * happened to the entry later (deleted, overwritten).
 */
export function linkChain(c: Candidate, index: EventIndex): void {
  linkWriter(c, index);
  linkPayload(c, index);
  linkLater(c, index);
}

function linkWriter(c: Candidate, index: EventIndex): void {
  const e = c.event;
  if (e.type === 'process') {
    c.writer = e;
    return;
  }
  const w = index.process(e.host, e.processGuid);
  if (w) {
    c.writer = w;
    c.chain.writer = linkedEvent(w, 'writer');
  }
}

function linkPayload(c: Candidate, index: EventIndex): void {
  if (c.payloadPaths.length === 0) return;
  const t = c.event.time;
  const matchers = c.payloadPaths.map(payloadMatcher);
  const created = new Set<FileEvent>();
  for (const m of matchers) {
    const candidates =
      m.exact !== undefined
        ? (index.filesByPath.get(m.exact) ?? [])
        : [...index.filesByPath.entries()]
            .filter(([p]) => m.matchesPath(p))
            .flatMap(([, fs]) => fs);
    for (const f of candidates) {
      if (f.action === 'create' && sameHost(f.host, c.event.host) && f.time <= t && f !== c.event) {
        created.add(f);
      }
    }
  }
  for (const f of created) c.chain.payloadCreated.push(linkedEvent(f, 'payload-created'));
  if (c.chain.payloadCreated.length > 0) {
    c.signals.push({
      id: 'payload-created-before',
      detail: c.chain.payloadCreated[0]?.targetFilename ?? '',
    });
  }
  for (const proc of index.processes) {
    if (proc === c.event || proc.time < t || !sameHost(proc.host, c.event.host)) continue;
    // The writer itself is not "the payload executed after the write".
    if (proc.processGuid !== '' && proc.processGuid === c.event.processGuid) continue;
    const image = canonicalPath(proc.image);
    const cmd = proc.commandLine.toLowerCase();
    if (!matchers.some((m) => m.matchesPath(image) || m.inCommandLine(cmd))) continue;
    // A command line that names the payload as registry data (`reg add ... /d <payload>`,
    // `reg delete`, Set-ItemProperty) writes or removes the entry: it does not run the payload.
    if (!matchers.some((m) => m.matchesPath(image)) && touchesAutostart(proc.commandLine)) continue;
    const atLogon = LOGON_PARENTS.has(baseName(proc.parentImage));
    c.chain.payloadExecuted.push(linkedEvent(proc, atLogon ? 'ran-at-logon' : 'executed'));
  }
  if (c.chain.payloadExecuted.length > 0) {
    c.signals.push({
      id: 'payload-executed-after',
      detail: c.chain.payloadExecuted[0]?.image ?? '',
    });
    const logon = c.chain.payloadExecuted.find((x) => x.relation === 'ran-at-logon');
    if (logon) c.signals.push({ id: 'ran-at-logon', detail: logon.commandLine ?? logon.image });
  }
}

function linkLater(c: Candidate, index: EventIndex): void {
  const e = c.event;
  if (c.kind === 'registry' && e.type === 'registry') {
    const target = e.targetObject.toLowerCase();
    for (const r of registryAround(index, target)) {
      if (r === e || r.time < e.time || !sameHost(r.host, e.host)) continue;
      const relation = laterRelation(r, target, e);
      if (relation) c.chain.later.push(linkedEvent(r, relation));
    }
    linkDeleteCommands(c, index);
  }
  if (c.kind === 'startup-folder' && c.file) {
    for (const f of index.filesByPath.get(canonicalPath(c.file.targetFilename)) ?? []) {
      if (f.action === 'delete' && f.time >= e.time && sameHost(f.host, e.host)) {
        c.chain.later.push(linkedEvent(f, 'deleted'));
      }
    }
  }
  c.chain.later.sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
  );
  if (c.chain.later.some((l) => l.relation === 'deleted')) {
    c.signals.push({ id: 'cleanup-deleted' });
  }
  if (c.chain.later.some((l) => l.relation === 'overwritten'))
    c.signals.push({ id: 'overwritten-later' });
}

/**
 * Command lines that delete a value (`reg delete <key> /v <name>`, `Remove-ItemProperty`): the
 * cleanup as the process log shows it, also where no EID 12 DeleteValue was logged.
 */
const DELETE_COMMAND = /\breg(?:\.exe)?\s+delete\b|\bremove-itemproperty\b|\brp\s/;

function linkDeleteCommands(c: Candidate, index: EventIndex): void {
  const [key, valueName] = c.matchKey.split('|');
  if (!key) return;
  for (const p of index.processes) {
    if (p.time < c.event.time || !sameHost(p.host, c.event.host)) continue;
    // Quotes are dropped: Atomic Red Team writes `/V Atomic" Red "Team`.
    const cmd = p.commandLine.toLowerCase().replace(/["']/g, '');
    if (!DELETE_COMMAND.test(cmd)) continue;
    const at = cmd.indexOf(key);
    if (at < 0 || /[\\\w]/.test(cmd.charAt(at + key.length))) continue;
    if (valueName && !cmd.includes(valueName)) continue;
    c.chain.later.push(linkedEvent(p, 'deleted'));
  }
}

function laterRelation(r: RegistryEvent, target: string, orig: RegistryEvent): string | null {
  const obj = r.targetObject.toLowerCase();
  if (r.eventType === 'DeleteValue' && obj === target) return 'deleted';
  if (r.eventType === 'DeleteKey' && target.startsWith(obj + '\\')) return 'deleted';
  if (r.eventType === 'SetValue' && obj === target && r.details !== orig.details)
    return 'overwritten';
  if (r.eventType === 'RenameKey' && target.startsWith(obj + '\\')) return 'renamed';
  return null;
}

/** The command line writes or removes an autostart entry (running a Startup script is neither). */
function touchesAutostart(commandLine: string): boolean {
  return (
    DELETE_COMMAND.test(commandLine.toLowerCase()) ||
    detectAutostartCommands(commandLine).some((c) => c.action !== 'startup-exec')
  );
}

/** Registry events on this value or on one of its parent keys (a DeleteKey removes the values). */
function registryAround(index: EventIndex, target: string): RegistryEvent[] {
  const out = [...(index.registryByTarget.get(target) ?? [])];
  for (let i = target.lastIndexOf('\\'); i > 0; i = target.lastIndexOf('\\', i - 1)) {
    out.push(...(index.registryByTarget.get(target.slice(0, i)) ?? []));
  }
  return out;
}

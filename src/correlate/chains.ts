import type { Candidate } from '../model/candidate.js';
import type { FileEvent, ProcessEvent, RegistryEvent } from '../model/normalized.js';
import { canonicalPath } from '../detect/value/canonical-path.js';
import { payloadMatcher } from './payload-match.js';
import { detectAutostartCommands } from '../detect/command-evidence/detect-autostart-command.js';
import { fileName, type EventIndex } from './event-index.js';
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
  const created = new Set<FileEvent>();
  const executed = new Set<ProcessEvent>();
  for (const payload of c.payloadPaths) {
    const m = payloadMatcher(payload);
    const name = fileName(payload);
    for (const f of m.exact !== undefined
      ? (index.filesByPath.get(m.exact) ?? [])
      : index.filesNamed(name)) {
      if (f.action !== 'create' || f === c.event || f.time > t || !sameHost(f.host, c.event.host))
        continue;
      if (m.exact !== undefined || m.matchesPath(f.targetFilename.toLowerCase())) created.add(f);
    }
    for (const proc of index.processesNaming(name)) {
      if (proc === c.event || proc.time < t || !sameHost(proc.host, c.event.host)) continue;
      // The writer itself is not "the payload executed after the write".
      if (proc.processGuid !== '' && proc.processGuid === c.event.processGuid) continue;
      const imageIsPayload = m.matchesPath(canonicalPath(proc.image));
      if (!imageIsPayload && !m.inCommandLine(proc.commandLine.toLowerCase())) continue;
      // A command line that names the payload as registry data (`reg add ... /d <payload>`,
      // `reg delete`, Set-ItemProperty) writes or removes the entry: it does not run it.
      if (!imageIsPayload && touchesAutostart(proc.commandLine)) continue;
      executed.add(proc);
    }
  }
  const byTime = <T extends { time: string }>(a: T, b: T): number =>
    a.time < b.time ? -1 : a.time > b.time ? 1 : 0;
  for (const f of [...created].sort(byTime)) {
    c.chain.payloadCreated.push(linkedEvent(f, 'payload-created'));
  }
  for (const p of [...executed].sort(byTime)) {
    const atLogon = LOGON_PARENTS.has(baseName(p.parentImage));
    c.chain.payloadExecuted.push(linkedEvent(p, atLogon ? 'ran-at-logon' : 'executed'));
  }
  const firstCreated = c.chain.payloadCreated[0];
  if (firstCreated) {
    c.signals.push({ id: 'payload-created-before', detail: firstCreated.targetFilename ?? '' });
  }
  const firstRun = c.chain.payloadExecuted[0];
  if (firstRun) {
    c.signals.push({ id: 'payload-executed-after', detail: firstRun.image });
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
    for (const f of index.filesByPath.get(c.file.targetFilename.toLowerCase()) ?? []) {
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

function linkDeleteCommands(c: Candidate, index: EventIndex): void {
  const [key, valueName] = c.matchKey.split('|');
  if (!key) return;
  for (const p of index.deleteCommands) {
    if (p.time < c.event.time || !sameHost(p.host, c.event.host)) continue;
    // Quotes are dropped: Atomic Red Team writes `/V Atomic" Red "Team`.
    const cmd = p.commandLine.toLowerCase().replace(/["']/g, '');
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
  return detectAutostartCommands(commandLine).some((c) => c.action !== 'startup-exec');
}

/** Registry events on this value or on one of its parent keys (a DeleteKey removes the values). */
function registryAround(index: EventIndex, target: string): RegistryEvent[] {
  const out = [...(index.registryByTarget.get(target) ?? [])];
  for (let i = target.lastIndexOf('\\'); i > 0; i = target.lastIndexOf('\\', i - 1)) {
    out.push(...(index.registryByTarget.get(target.slice(0, i)) ?? []));
  }
  return out;
}

import type { Candidate } from '../model/candidate.js';
import type { ProcessEvent, RegistryEvent } from '../model/normalized.js';
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
  const seen = new Set<ProcessEvent>();
  for (const p of c.payloadPaths) {
    for (const f of index.filesByPath.get(p) ?? []) {
      if (f.action === 'create' && sameHost(f.host, c.event.host) && f.time <= t) {
        c.chain.payloadCreated.push(linkedEvent(f, 'payload-created'));
      }
    }
  }
  if (c.chain.payloadCreated.length > 0) {
    c.signals.push({
      id: 'payload-created-before',
      detail: c.chain.payloadCreated[0]?.targetFilename ?? '',
    });
  }
  for (const proc of index.processes) {
    if (seen.has(proc) || proc === c.event || proc.time < t || !sameHost(proc.host, c.event.host))
      continue;
    const image = proc.image.toLowerCase();
    const cmd = proc.commandLine.toLowerCase();
    if (!c.payloadPaths.some((p) => image === p || cmd.includes(p))) continue;
    // The writer itself running its payload is not "executed after": skip the write's own process.
    if (proc.processGuid && proc.processGuid === c.event.processGuid) continue;
    seen.add(proc);
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
    for (const r of index.registry) {
      if (r === e || r.time < e.time || !sameHost(r.host, e.host)) continue;
      const relation = laterRelation(r, target, e);
      if (relation) c.chain.later.push(linkedEvent(r, relation));
    }
  }
  if (c.kind === 'startup-folder' && c.file) {
    for (const f of index.filesByPath.get(c.file.targetFilename.toLowerCase()) ?? []) {
      if (f.action === 'delete' && f.time >= e.time && sameHost(f.host, e.host)) {
        c.chain.later.push(linkedEvent(f, 'deleted'));
      }
    }
  }
  if (c.chain.later.some((l) => l.relation === 'deleted'))
    c.signals.push({ id: 'cleanup-deleted' });
  if (c.chain.later.some((l) => l.relation === 'overwritten'))
    c.signals.push({ id: 'overwritten-later' });
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

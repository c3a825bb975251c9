import type { Candidate } from '../model/candidate.js';
import { linkedEvent } from './linked-event.js';

/** How far apart a command line and the registry write it caused may be logged. */
const MERGE_WINDOW_MS = 120_000;

function ms(t: string): number {
  const n = Date.parse(t);
  return Number.isNaN(n) ? 0 : n;
}

/**
 * Folds command-line candidates into the registry or Startup-folder finding they caused, so
 * `cmd /c reg add ...\Run`, its child `reg.exe` and the EID 13 they produce are one finding
 * with three pieces of evidence, not three findings. A command line whose write was not logged
 * (default Sysmon configs log no EID 13) stays a finding of its own.
 */
export function mergeCommandLines(cands: Candidate[]): void {
  const writes = cands.filter((c) => c.kind !== 'command-line');
  const cmds = cands.filter((c) => c.kind === 'command-line');
  for (const cmd of cmds) {
    const target = writes.find((w) => causedBy(w, cmd));
    if (target) absorb(target, cmd);
  }
  // A parent `cmd /c reg add ...` and its child `reg add ...` both describe one write.
  for (const child of cmds) {
    if (child.mergedInto) continue;
    const e = child.event;
    if (e.type !== 'process') continue;
    const parent = cmds.find(
      (p) =>
        p !== child &&
        !p.mergedInto &&
        p.event.type === 'process' &&
        p.event.processGuid !== '' &&
        p.event.processGuid === e.parentProcessGuid &&
        p.matchKey === child.matchKey,
    );
    if (parent) absorb(child, parent);
  }
}

function causedBy(w: Candidate, cmd: Candidate): boolean {
  const e = cmd.event;
  if (e.type !== 'process' || w.event.host.toLowerCase() !== e.host.toLowerCase()) return false;
  if (Math.abs(ms(w.event.time) - ms(e.time)) > MERGE_WINDOW_MS) return false;
  const sameProcess =
    e.processGuid !== '' &&
    (w.event.processGuid === e.processGuid || w.writer?.parentProcessGuid === e.processGuid);
  if (w.kind === 'startup-folder') {
    return (
      sameProcess ||
      (cmd.file !== undefined && sameFile(cmd.file.targetFilename, w.file?.targetFilename))
    );
  }
  return sameProcess || (cmd.matchKey !== '' && cmd.matchKey === w.matchKey);
}

function sameFile(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** `from`'s evidence and signals move to `into`; `from` is dropped from the report. */
function absorb(into: Candidate, from: Candidate): void {
  from.mergedInto = into;
  into.evidence.push(...from.evidence);
  for (const s of from.signals) {
    if (!into.signals.some((x) => x.id === s.id)) into.signals.push(s);
  }
  if (!into.signals.some((s) => s.id === 'command-line-autostart-write')) {
    into.signals.push({ id: 'command-line-autostart-write' });
  }
  if (from.event.type === 'process') {
    into.chain.related.push(linkedEvent(from.event, 'command-line'));
  }
}

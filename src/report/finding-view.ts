import type { Finding, LinkedEvent } from '../model/finding.js';

/**
 * The few derived strings every report format shows for a finding (table, CSV, HTML), computed
 * in one place so the formats agree. Values are raw here: each format escapes for its medium.
 */

/** Hive prefix plus autostart location id: `HKCU run`, `HKLM ifeo-debugger`, `startup-folder`. */
export function locationLabel(f: Finding): string {
  const id = f.location?.id ?? f.kind;
  if (f.registry) {
    const hive = f.registry.key.split('\\', 1)[0] ?? '';
    return hive ? `${hive} ${id}` : id;
  }
  return id;
}

/**
 * The registry value name, `(hidden)` for a name hidden by a NUL or empty at the end of the
 * logged path, or the file name of a Startup-folder drop.
 */
export function valueLabel(f: Finding): string {
  if (f.registry) {
    if (f.registry.valueName) return f.registry.valueName;
    return f.registry.targetObject.endsWith('\\') ? '(hidden)' : '(Default)';
  }
  if (f.file) return baseName(f.file.targetFilename);
  return '';
}

/** What the autostart entry runs: the decoded payload when there is one, else the command. */
export function runsLabel(f: Finding): string {
  if (f.command?.decoded) return `${f.command.executable} [decoded] ${f.command.decoded}`;
  if (f.command) return `${f.command.executable} ${f.command.arguments}`.trim();
  if (f.registry) return f.registry.details;
  if (f.file) return f.file.targetFilename;
  return f.process.commandLine ?? '';
}

/** The writer's executable name. */
export function writerLabel(f: Finding): string {
  return baseName(f.process.image);
}

/** Ids of the heaviest indicators that raised the score, heaviest first. */
export function topReasons(f: Finding, n = 3): string[] {
  return f.indicators
    .filter((i) => i.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1))
    .slice(0, n)
    .map((i) => i.id);
}

export function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
  return i >= 0 ? p.slice(i + 1) : p;
}

/** One step of the evidence chain, in the order a hunter reads it. */
export interface ChainStep {
  /** writer, payload-created, payload-executed, later, related */
  stage: 'writer' | 'payload-created' | 'payload-executed' | 'later' | 'related';
  label: string;
  event: LinkedEvent;
}

const STAGE_LABEL: Record<ChainStep['stage'], string> = {
  writer: 'writer',
  'payload-created': 'payload created',
  'payload-executed': 'executed at logon',
  later: 'later',
  related: 'related',
};

/** writer -> payload created -> executed at logon -> later (cleanup, overwrite), then related. */
export function chainSteps(f: Finding): ChainStep[] {
  const c = f.chain;
  const out: ChainStep[] = [];
  const add = (stage: ChainStep['stage'], events: readonly LinkedEvent[]): void => {
    for (const e of events) {
      const rel = stage === 'later' && e.relation ? `later: ${e.relation}` : STAGE_LABEL[stage];
      out.push({ stage, label: rel, event: e });
    }
  };
  if (c.writer) add('writer', [c.writer]);
  add('payload-created', c.payloadCreated);
  add('payload-executed', c.payloadExecuted);
  add('later', c.later);
  add('related', c.related ?? []);
  return out;
}

/** What a linked event did, in one line: command line, file or registry path. */
export function linkedWhat(e: LinkedEvent): string {
  return e.commandLine ?? e.targetFilename ?? e.targetObject ?? e.image;
}

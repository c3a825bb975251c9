import type { RawEvent } from '../model/events.js';
import type {
  FileEvent,
  NormalizedEvent,
  ProcessEvent,
  RegistryEvent,
  RegistryEventType,
} from '../model/normalized.js';

const SYSMON = 'microsoft-windows-sysmon';
const SECURITY = 'microsoft-windows-security-auditing';

/** Event ids the hunt reads, per provider (lower-case). The EVTX fast path skips the rest. */
export const HUNT_EVENT_IDS: Readonly<Record<string, readonly number[]>> = {
  [SYSMON]: [1, 11, 12, 13, 14, 23, 26],
  [SECURITY]: [4657, 4688],
};

/** Hunted ids by provider as logged: the fast path asks for every record, with few providers. */
const idsByProvider = new Map<string, readonly number[] | null>();

/** True when the hunt can use events of this provider and id. */
export function isHuntRelevant(provider: string, eventId: number): boolean {
  let ids = idsByProvider.get(provider);
  if (ids === undefined) {
    ids = HUNT_EVENT_IDS[provider.toLowerCase()] ?? null;
    // Bounded: a damaged log could name a new provider on every record.
    if (idsByProvider.size < 1024) idsByProvider.set(provider, ids);
  }
  return ids !== null && ids.includes(eventId);
}

/**
 * The EventData fields the hunt reads (every `field()` below), for the EVTX fast path: a
 * reader may leave the others out (ReadContext.fields). Hashes and ParentCommandLine are read
 * below but are not here: the hunt blanks both on arrival (src/correlate/slim.ts), and they
 * are two of the longest strings of a process creation. test/hunt/fields.test.ts checks the list
 * against normalizeEvent over the corpus.
 */
export const HUNT_FIELDS: ReadonlySet<string> = new Set([
  // Sysmon 1, 11, 12-14, 23, 26
  'UtcTime',
  'Image',
  'ProcessGuid',
  'ProcessId',
  'User',
  'CommandLine',
  'ParentImage',
  'ParentProcessGuid',
  'IntegrityLevel',
  'TargetFilename',
  'EventType',
  'TargetObject',
  'Details',
  'NewName',
  'RuleName',
  // Security 4688, 4657
  'SubjectDomainName',
  'SubjectUserName',
  'NewProcessName',
  'NewProcessId',
  'ParentProcessName',
  'MandatoryLabel',
  'OperationType',
  'ObjectName',
  'ObjectValueName',
  'ProcessName',
  'NewValue',
]);

/** What a hunt without Sigma rules asks of the readers (ReadContext.want and .fields). */
export const HUNT_READ_FILTER: {
  readonly want: (provider: string, eventId: number) => boolean;
  readonly fields: ReadonlySet<string>;
} = { want: isHuntRelevant, fields: HUNT_FIELDS };

/** Sysmon / Security events the hunt reads become typed events; anything else is null. */
export function normalizeEvent(e: RawEvent): NormalizedEvent | null {
  const provider = e.provider.toLowerCase();
  if (provider === SYSMON || (provider === '' && e.channel.toLowerCase().includes('sysmon'))) {
    switch (e.eventId) {
      case 1:
        return sysmonProcess(e);
      case 11:
        return sysmonFile(e, 'create');
      case 23:
      case 26:
        return sysmonFile(e, 'delete');
      case 12:
      case 13:
      case 14:
        return sysmonRegistry(e);
      default:
        return null;
    }
  }
  if (provider === SECURITY || (provider === '' && e.channel.toLowerCase() === 'security')) {
    if (e.eventId === 4688) return securityProcess(e);
    if (e.eventId === 4657) return securityRegistry(e);
  }
  return null;
}

function field(e: RawEvent, name: string): string {
  return e.data[name] ?? '';
}

function base(e: RawEvent) {
  const utc = sysmonTime(field(e, 'UtcTime'));
  return {
    ref: { file: e.source, eventRecordId: e.recordId, eventId: e.eventId },
    time: utc || e.timeCreated,
    loggedTime: e.timeCreated,
    timeFromLog: utc === '',
    host: e.computer,
    image: field(e, 'Image'),
    processGuid: normalizeGuid(field(e, 'ProcessGuid')),
    processId: parseId(field(e, 'ProcessId')),
    user: field(e, 'User'),
  };
}

function sysmonProcess(e: RawEvent): ProcessEvent {
  return {
    type: 'process',
    ...base(e),
    commandLine: field(e, 'CommandLine'),
    parentImage: field(e, 'ParentImage'),
    parentProcessGuid: normalizeGuid(field(e, 'ParentProcessGuid')),
    parentCommandLine: field(e, 'ParentCommandLine'),
    integrityLevel: field(e, 'IntegrityLevel'),
    hashes: field(e, 'Hashes'),
  };
}

function sysmonFile(e: RawEvent, action: FileEvent['action']): FileEvent {
  return { type: 'file', ...base(e), action, targetFilename: field(e, 'TargetFilename') };
}

const REGISTRY_TYPES: Readonly<Record<string, RegistryEventType>> = {
  setvalue: 'SetValue',
  createkey: 'CreateKey',
  deletekey: 'DeleteKey',
  deletevalue: 'DeleteValue',
  renamekey: 'RenameKey',
  renamevalue: 'RenameValue',
};

function sysmonRegistry(e: RawEvent): RegistryEvent {
  // NXLog overwrote Sysmon's EventType with its own ("INFO") in some exports: EID 13 is always
  // SetValue, EID 14 always a rename; for EID 12 the type is then unknown ('').
  let eventType = REGISTRY_TYPES[field(e, 'EventType').toLowerCase()] ?? '';
  if (eventType === '' && e.eventId === 13) eventType = 'SetValue';
  if (eventType === '' && e.eventId === 14) eventType = 'RenameKey';
  return {
    type: 'registry',
    ...base(e),
    eventType,
    targetObject: field(e, 'TargetObject'),
    details: field(e, 'Details'),
    newName: field(e, 'NewName'),
    ruleName: field(e, 'RuleName'),
  };
}

function securityUser(e: RawEvent): string {
  const domain = field(e, 'SubjectDomainName');
  const name = field(e, 'SubjectUserName');
  return name ? (domain ? `${domain}\\${name}` : name) : '';
}

function securityProcess(e: RawEvent): ProcessEvent {
  return {
    type: 'process',
    ref: { file: e.source, eventRecordId: e.recordId, eventId: e.eventId },
    time: e.timeCreated,
    loggedTime: e.timeCreated,
    timeFromLog: true,
    host: e.computer,
    image: field(e, 'NewProcessName'),
    processGuid: '',
    processId: parseId(field(e, 'NewProcessId')),
    user: securityUser(e),
    commandLine: field(e, 'CommandLine'),
    parentImage: field(e, 'ParentProcessName'),
    parentProcessGuid: '',
    parentCommandLine: '',
    integrityLevel: field(e, 'MandatoryLabel'),
    hashes: '',
  };
}

/** 4657 OperationType: %%1904 value created, %%1905 modified, %%1906 deleted. */
function securityRegistry(e: RawEvent): RegistryEvent {
  const op = field(e, 'OperationType');
  const key = field(e, 'ObjectName');
  const valueName = field(e, 'ObjectValueName');
  return {
    type: 'registry',
    ref: { file: e.source, eventRecordId: e.recordId, eventId: e.eventId },
    time: e.timeCreated,
    loggedTime: e.timeCreated,
    timeFromLog: true,
    host: e.computer,
    image: field(e, 'ProcessName'),
    processGuid: '',
    processId: parseId(field(e, 'ProcessId')),
    user: securityUser(e),
    eventType: op.includes('1906') ? 'DeleteValue' : 'SetValue',
    targetObject: valueName ? `${key}\\${valueName}` : key,
    details: field(e, 'NewValue'),
    newName: '',
    ruleName: '',
  };
}

/** `{747F3D96-...}`, `747f3d96-...` → `{747f3d96-...}`. */
export function normalizeGuid(g: string): string {
  const t = g.trim();
  if (t === '') return '';
  const inner = t.startsWith('{') && t.endsWith('}') ? t.slice(1, -1) : t;
  return `{${inner.toLowerCase()}}`;
}

/** Decimal or `0x` hex (Security events write process ids in hex). */
export function parseId(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  const n = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t.slice(2), 16) : /^\d+$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/** Sysmon `UtcTime` (`2019-07-19 14:44:53.261`) → `2019-07-19T14:44:53.261Z`; '' if not that shape. */
export function sysmonTime(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)Z?$/.exec(s.trim());
  return m ? `${m[1]}T${m[2]}Z` : '';
}

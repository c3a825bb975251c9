/** Typed events after normalisation: what the detectors and correlators read. */

/** Where an event came from, so a reader can find it in the log. */
export interface EventRef {
  file: string;
  eventRecordId: number | null;
  eventId: number;
}

interface Base {
  ref: EventRef;
  /** When it happened, UTC ISO 8601 (Sysmon UtcTime where present, else TimeCreated). */
  time: string;
  /** System/TimeCreated as the input has it (exports sometimes write local time as UTC). */
  loggedTime: string;
  /** `time` came from TimeCreated, not from Sysmon's own UtcTime field. */
  timeFromLog: boolean;
  host: string;
  /** The acting process (writer / creator). */
  image: string;
  /** Lower-case, braced, or '' when the source has none (Security events). */
  processGuid: string;
  processId: number | null;
  user: string;
}

export interface ProcessEvent extends Base {
  type: 'process';
  commandLine: string;
  parentImage: string;
  parentProcessGuid: string;
  parentCommandLine: string;
  integrityLevel: string;
  hashes: string;
}

export type RegistryEventType =
  'SetValue' | 'CreateKey' | 'DeleteKey' | 'DeleteValue' | 'RenameKey' | 'RenameValue' | '';

export interface RegistryEvent extends Base {
  type: 'registry';
  /** Sysmon EventType; inferred for EID 13 (always SetValue) when an export lost it. */
  eventType: RegistryEventType;
  targetObject: string;
  details: string;
  /** EID 14 only. */
  newName: string;
  ruleName: string;
}

export interface FileEvent extends Base {
  type: 'file';
  /** 'create' (EID 11) or 'delete' (EID 23/26). */
  action: 'create' | 'delete';
  targetFilename: string;
}

export type NormalizedEvent = ProcessEvent | RegistryEvent | FileEvent;

/** Report types: the contract of ARCHITECTURE.md (report schemaVersion 1). */
import type { InputSummary } from './events.js';

export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = [
  'informational',
  'low',
  'medium',
  'high',
  'critical',
];

/** A MITRE ATT&CK technique with its tactic, e.g. T1547.001 / Registry Run Keys / Startup Folder / persistence. */
export interface Technique {
  id: string;
  name: string;
  tactic: string;
}

/** One indicator that fired for a finding (definitions live in data/indicators.yaml). */
export interface IndicatorHit {
  id: string;
  description: string;
  weight: number;
  /** Technique ids, e.g. ['T1059.001']. */
  techniques: string[];
  /** What in the evidence made it fire (a path, a decoded command, a LOLBin name). */
  detail?: string;
}

/** What an autostart entry runs, parsed from its data. */
export interface CommandInfo {
  executable: string;
  arguments: string;
  /** Decoded payload of an encoded PowerShell command, when there is one. */
  decoded?: string;
}

export interface LinkedEvent {
  file: string;
  eventRecordId: number | null;
  eventId: number;
  timestamp: string;
  image: string;
  commandLine?: string;
  targetFilename?: string;
  targetObject?: string;
  /** How this event relates to the finding (e.g. 'ran-at-logon', 'deleted', 'overwritten'). */
  relation?: string;
}

export type FindingKind = 'registry' | 'startup-folder' | 'command-line';
export type BaselineStatus = 'known' | 'new' | 'changed' | 'unknown';

export interface EventRefOut {
  file: string;
  eventRecordId: number | null;
  eventId: number;
}

export interface Finding {
  id: string;
  kind: FindingKind;
  severity: Severity;
  score: number;
  timestamp: string;
  host: string;
  user: string;
  /** The autostart location from data/asep-locations.yaml. */
  location?: { id: string; description: string };
  registry?: {
    targetObject: string;
    hive: string;
    key: string;
    valueName: string;
    details: string;
    eventType: string;
  };
  file?: { targetFilename: string };
  command?: CommandInfo;
  process: {
    image: string;
    processGuid: string;
    processId: number | null;
    commandLine?: string;
    parentImage?: string;
    user?: string;
  };
  indicators: IndicatorHit[];
  techniques: Technique[];
  chain: {
    writer?: LinkedEvent;
    payloadCreated: LinkedEvent[];
    payloadExecuted: LinkedEvent[];
    later: LinkedEvent[];
    related: LinkedEvent[];
  };
  baseline: { status: BaselineStatus; match?: string };
  evidence: EventRefOut[];
  rules: { sigma?: string; splunk?: string };
  /** Sigma rules given with `--sigma` that matched this finding's events. */
  sigma?: { id: string; title: string; level: string; tags: string[] }[];
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'runhunt'; version: string };
  generatedAt: string;
  inputs: InputSummary[];
  summary: {
    eventsScanned: number;
    autostartEvents: number;
    /**
     * Events of the hunted types read twice from one input (same record id, time and content:
     * carved or repeated chunks, concatenated exports) and counted once.
     */
    duplicateEvents?: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    hosts: string[];
  };
  findings: Finding[];
  rules: { sigma: string[]; splunk: string[] };
}

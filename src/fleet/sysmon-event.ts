/**
 * Builds a Sysmon EID 13 SetValue RawEvent, the shape every reader yields (model/events.ts):
 * used by the fleet tests and the stack benchmark to add one entry to a replayed fleet.
 */
import type { RawEvent } from '../model/events.js';
import { emptyData } from '../model/events.js';

export interface SetValueSpec {
  computer: string;
  targetObject: string;
  details: string;
  image?: string;
  user?: string;
  time?: string;
  recordId?: number;
  source?: string;
}

export function sysmonSetValue(s: SetValueSpec): RawEvent {
  const time = s.time ?? '2024-05-01T10:00:00.000Z';
  const data = emptyData();
  data['RuleName'] = '';
  data['EventType'] = 'SetValue';
  data['UtcTime'] = time.replace('T', ' ').replace('Z', '');
  data['ProcessGuid'] = '{00000000-0000-0000-0000-000000000001}';
  data['ProcessId'] = '4242';
  data['Image'] = s.image ?? 'C:\\Windows\\system32\\reg.exe';
  data['TargetObject'] = s.targetObject;
  data['Details'] = s.details;
  if (s.user !== undefined) data['User'] = s.user;
  return {
    source: s.source ?? 'synthetic',
    recordId: s.recordId ?? 1,
    timeCreated: time,
    eventId: 13,
    provider: 'Microsoft-Windows-Sysmon',
    channel: 'Microsoft-Windows-Sysmon/Operational',
    computer: s.computer,
    data,
  };
}

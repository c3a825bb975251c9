/**
 * The Mordor (OTRF Security-Datasets) zips hold NXLog JSON lines. Every Run-key, Startup-folder,
 * other-autostart and related-process event that corpus/labels.json lists for them must come out
 * of the zip member with the labelled fields (issue 4 "Show").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawEvent } from '../../src/model/events.js';
import { hasShared, readAll, sharedRoot } from './helpers.js';

interface LabelledEvent {
  EventRecordID: number | null;
  EventID: number;
  Computer: string;
  UtcTime: string;
  TimeCreated: string;
  member: string;
  [field: string]: unknown;
}

const LISTS = [
  'run_key_events',
  'startup_folder_file_events',
  'other_autostart_registry_events',
  'related_process_events',
];
const DATA_FIELDS = [
  'TargetObject',
  'TargetFilename',
  'Details',
  'Image',
  'CommandLine',
  'ParentImage',
  'ProcessGuid',
  'ParentProcessGuid',
  'ProcessId',
  'UtcTime',
  'EventType',
  'User',
];
// The 115 MB and 87 MB members are read by the CLI check in the report, not on every test run.
const FILES = [
  'attack/mordor/empire_persistence_registry_modification_run_keys_elevated_user.zip',
  'attack/mordor/psh_mshta_html_application_execution.zip',
  'mixed/mordor/rdp_interactive_taskmanager_lsass_dump.zip',
  // Opt in with RUNHUNT_BIG_CORPUS=1 (about 200 MB of JSON to inflate and parse).
  ...(process.env['RUNHUNT_BIG_CORPUS'] === '1'
    ? [
        'mixed/mordor/covenant_dcom_iertutil_dll_hijack.zip',
        'mixed/mordor/metasploit_nanodump_lsass_memory_dump.zip',
      ]
    : []),
];

/** labels.json names Security 4688 fields as Sysmon does; the event itself has Security names. */
const SECURITY_4688: Record<string, string> = {
  Image: 'NewProcessName',
  ParentImage: 'ParentProcessName',
  User: 'SubjectUserName',
};

function matches(e: RawEvent, l: LabelledEvent): boolean {
  if (e.eventId !== l.EventID || e.computer !== l.Computer) return false;
  if (l.EventRecordID !== null && e.recordId !== l.EventRecordID) return false;
  if (e.timeCreated !== l.TimeCreated) return false;
  return DATA_FIELDS.every((f) => {
    const want = l[f];
    if (typeof want !== 'string' || want === '') return true;
    // Labels keep GUIDs as logged (lower-case); readers fold them to the EVTX form.
    const name = e.eventId === 4688 ? (SECURITY_4688[f] ?? f) : f;
    return (e.data[name] ?? '').toLowerCase() === want.toLowerCase();
  });
}

for (const file of FILES) {
  test(`Mordor ${file}: every labelled event is read with its fields`, (t) => {
    if (!hasShared) {
      t.skip('../shared/corpus is absent');
      return;
    }
    const labels = JSON.parse(
      readFileSync(join(sharedRoot, 'corpus/labels.json'), 'utf8'),
    ) as Record<string, Record<string, unknown>>;
    const entry = labels[file];
    assert.ok(entry, `labels.json has ${file}`);
    const { events, inputs } = readAll([join(sharedRoot, 'corpus', file)]);
    assert.equal(events.length, entry['total_events']);
    assert.deepEqual(
      inputs.flatMap((i) => i.issues),
      [],
    );
    assert.ok(inputs.every((i) => i.path.includes('.zip!')));
    let checked = 0;
    for (const list of LISTS) {
      for (const l of (entry[list] ?? []) as LabelledEvent[]) {
        const hit = events.find((e) => e.source.endsWith(`!${l.member}`) && matches(e, l));
        assert.ok(hit, `${list}: ${JSON.stringify(l).slice(0, 300)}`);
        checked++;
      }
    }
    assert.equal(
      checked,
      LISTS.reduce((n, l) => n + ((entry[l] as unknown[] | undefined)?.length ?? 0), 0),
    );
  });
}

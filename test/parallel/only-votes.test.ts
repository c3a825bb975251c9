/**
 * The hunt's reading workers leave out registry events that would only vote on the clock skew
 * (onlyVotes, src/detect/autostart-registry.ts) and send their votes instead. That is exact only
 * while the hunt does nothing else with such an event: the detector makes no candidate of it and
 * the correlation index does not keep it. Checked over every event of the samples and the corpus,
 * and for each registry event type on and off autostart locations.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { CORPUS_DIR, evtxFilesUnder, mordorZips, SAMPLES_DIR } from '../evtx-files.js';
import { autostartRegistryTest, onlyVotes } from '../../src/detect/autostart-registry.js';
import { createDetector } from '../../src/detect/detector.js';
import { readInputs } from '../../src/ingest/read-inputs.js';
import type { RegistryEvent, RegistryEventType } from '../../src/model/normalized.js';
import { normalizeEvent } from '../../src/normalize/sysmon.js';

function registryEvents(paths: string[]): RegistryEvent[] {
  const out: RegistryEvent[] = [];
  for (const raw of readInputs(paths)) {
    const e = normalizeEvent(raw);
    if (e?.type === 'registry') out.push(e);
  }
  return out;
}

function check(events: RegistryEvent[]): number {
  const detector = createDetector();
  const isAutostart = autostartRegistryTest();
  let left = 0;
  for (const e of events) {
    if (!onlyVotes(e, isAutostart)) continue;
    left++;
    assert.equal(detector.isAutostartRegistry(e), false, e.targetObject);
    assert.equal(detector.candidate(e), null, `${e.eventType} ${e.targetObject}`);
  }
  return left;
}

test('registry events that only vote make no candidate and are not kept: samples', () => {
  const events = registryEvents(evtxFilesUnder(SAMPLES_DIR));
  const left = check(events);
  assert.ok(left > 0 && left < events.length, `${left} of ${events.length} left out`);
});

test('registry events that only vote make no candidate and are not kept: corpus', (t) => {
  const zips = mordorZips();
  if (!existsSync(CORPUS_DIR) || !zips) {
    t.skip(`shared corpus not found at ${CORPUS_DIR}`);
    return;
  }
  const events = registryEvents([...evtxFilesUnder(CORPUS_DIR), ...zips]);
  const left = check(events);
  assert.ok(left > 1000, `only ${left} of ${events.length} left out`);
});

test('every registry event type, on and off autostart locations', () => {
  const run = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater';
  const off = 'HKLM\\SOFTWARE\\Vendor\\App\\Settings\\Theme';
  const types: RegistryEventType[] = [
    'SetValue',
    'CreateKey',
    'DeleteKey',
    'DeleteValue',
    'RenameKey',
    'RenameValue',
    '',
  ];
  const isAutostart = autostartRegistryTest();
  const event = (
    eventType: RegistryEventType,
    targetObject: string,
    newName = '',
  ): RegistryEvent => ({
    type: 'registry',
    ref: { file: 't.evtx', eventRecordId: 1, eventId: 13 },
    time: '2024-01-01T00:00:00.000Z',
    loggedTime: '2024-01-01T00:00:00.000Z',
    timeFromLog: false,
    host: 'h',
    image: 'C:\\Windows\\System32\\reg.exe',
    processGuid: '',
    processId: 1,
    user: 'u',
    eventType,
    targetObject,
    details: 'C:\\Users\\Public\\x.exe',
    newName,
    ruleName: '',
  });
  for (const type of types) {
    assert.equal(onlyVotes(event(type, run), isAutostart), false, `${type} on Run`);
    // A rename off autostart locations may land on one: never left out.
    const renamed = event(type, off, type.startsWith('Rename') ? run : '');
    assert.equal(onlyVotes(renamed, isAutostart), !type.startsWith('Rename'), `${type} off`);
    assert.equal(check([event(type, off)]), type.startsWith('Rename') ? 0 : 1);
  }
  // The rename onto Run is what the detector finds: the reason renames are kept.
  assert.notEqual(createDetector().candidate(event('RenameValue', off, run)), null);
});

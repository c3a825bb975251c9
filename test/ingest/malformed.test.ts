/**
 * Malformed input of every kind (issue 4 "Show"): each gives a clear issue naming the file's
 * line or byte offset, every good event around the damage is kept, and the issue is in the
 * input's summary (what the report's `inputs[].issues` holds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { readAll, rendered, sample } from './helpers.js';

const bad = (name: string): string => sample(`malformed/${name}`);
const tmp = mkdtempSync(join(tmpdir(), 'runhunt-ingest-'));

function issuesOf(path: string): {
  codes: string[];
  lines: (number | undefined)[];
  messages: string[];
  records: (number | null)[];
} {
  const { events, inputs } = readAll([path]);
  const issues = inputs.flatMap((i) => i.issues);
  return {
    codes: issues.map((i) => i.code),
    lines: issues.map((i) => i.line),
    messages: issues.map((i) => i.message),
    records: events.map((e) => e.recordId),
  };
}

test('JSON lines: a truncated line is reported with its line and byte offset, the other lines kept', () => {
  const r = issuesOf(bad('truncated-line.json'));
  assert.deepEqual(r.codes, ['json-syntax']);
  assert.deepEqual(r.lines, [2]);
  assert.match(r.messages[0] ?? '', /line 2 \(byte \d+\)/);
  assert.deepEqual(r.records, [1, 3, 4]);
});

test('concatenated JSON: an object cut off at the end is reported, earlier objects kept', () => {
  const r = issuesOf(bad('truncated-object.json'));
  assert.deepEqual(r.codes, ['json-truncated']);
  assert.deepEqual(r.records, [1, 2]);
});

test('a binary file named .json is not read as JSON', () => {
  const { inputs, events } = readAll([bad('binary.json')]);
  assert.equal(events.length, 0);
  assert.deepEqual(
    inputs.map((i) => [i.format, i.issues.map((x) => x.code)]),
    [['unknown', ['unrecognized-format']]],
  );
});

test('a JSON layout nobody knows is named by the fields it has; known records still read', () => {
  const r = issuesOf(bad('unknown-layout.json'));
  assert.deepEqual(r.codes, ['json-unknown-layout']);
  assert.match(r.messages[0] ?? '', /fields seen: ts, msg, level/);
  assert.deepEqual(r.records, [6]);
});

test('__proto__ and constructor keys are plain data and pollute nothing', () => {
  const { events } = readAll([bad('proto-keys.json')]);
  const e = events[0];
  assert.ok(e);
  assert.equal(Object.getPrototypeOf(e.data), null);
  assert.equal(e.data['constructor'], 'x');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('invalid XML: the bad event and the unclosed one are reported by line, the rest kept (control-char refs accepted)', () => {
  const { events, inputs } = readAll([bad('invalid.xml')]);
  const issues = inputs.flatMap((i) => i.issues);
  assert.deepEqual(
    issues.map((i) => [i.code, i.line]),
    [
      ['xml-invalid-event', 3],
      ['xml-truncated-event', 5],
    ],
  );
  assert.deepEqual(
    events.map((e) => e.recordId),
    [1, 3, 5],
  );
  // `&#x0;` and `&#x7;` are not XML 1.0 but Windows writes them: the values keep the characters.
  assert.equal(
    events[1]?.data['TargetObject'],
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\\u0000hidden',
  );
  assert.equal(events[1]?.data['Details'], 'tab\tbell\u0007end');
  assert.equal(events[2]?.channel, 'Security', 'channel folded to the EVTX spelling');
});

test('CSV: a ragged row is reported with its line; quoted newlines stay inside their field', () => {
  const { events, inputs } = readAll([bad('ragged.csv')]);
  const issues = inputs.flatMap((i) => i.issues);
  assert.deepEqual(
    issues.map((i) => [i.code, i.line]),
    [['csv-ragged-row', 3]],
  );
  assert.deepEqual(
    events.map((e) => e.recordId),
    [1, 3],
  );
  assert.equal(events[0]?.data['Details'], 'line1\nline2');
  assert.equal(events[1]?.data['TargetFilename'], 'C:\\a.lnk');
});

test('a truncated zip yields what decompresses and says what was lost', () => {
  const whole = readFileSync(rendered('archives.zip'));
  const cut = join(tmp, 'cut.zip');
  writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.3)));
  const { events, inputs } = readAll([cut]);
  const codes = inputs.flatMap((i) => i.issues.map((x) => x.code));
  assert.ok(codes.includes('zip-no-central-directory'), codes.join());
  assert.ok(codes.includes('archive-damaged'), codes.join());
  assert.ok(events.length > 0, 'events before the cut are kept');
  assert.ok(events.every((e) => e.source.startsWith(`${cut}!`)));
});

test('a truncated .gz keeps the events inflated before the damage', () => {
  const whole = gzipSync(readFileSync(rendered('nxlog.json')));
  const cut = join(tmp, 'nxlog.json.gz');
  writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const { events, inputs } = readAll([cut]);
  assert.deepEqual(
    inputs.map((i) => i.path),
    [`${cut}!nxlog.json`],
  );
  const codes = inputs.flatMap((i) => i.issues.map((x) => x.code));
  assert.ok(codes.includes('archive-damaged'), codes.join());
  assert.ok(events.length > 10 && events.length < 60, String(events.length));
});

test('nested archives: a zip inside a zip lists members under both names', () => {
  const inner = zipSync({ 'x.json': readFileSync(rendered('winlogbeat.json')) });
  const outer = join(tmp, 'outer.zip');
  writeFileSync(outer, zipSync({ 'inner.zip': inner }));
  const { inputs, events } = readAll([outer]);
  assert.deepEqual(
    inputs.map((i) => [i.path.slice(tmp.length + 1), i.events]),
    [['outer.zip!inner.zip!x.json', 60]],
  );
  assert.equal(events.length, 60);
});

test('EvtxECmd with the event data as XML in Payload (older versions) reads like the JSON payload', () => {
  const { events, inputs } = readAll([sample('evtxecmd-xml-payload.csv')]);
  assert.deepEqual(
    inputs.flatMap((i) => i.issues),
    [],
  );
  assert.deepEqual(
    events.map((e) => [e.recordId, e.timeCreated, e.userId, { ...e.data }]),
    [
      [
        306346,
        '2020-07-04T14:18:58.2687126Z',
        'S-1-5-18',
        {
          EventType: 'SetValue',
          TargetObject: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\a&b',
          ProcessGuid: '{747F3D96-8FD2-5F00-0000-0010C15D2200}',
        },
      ],
    ],
  );
});

test('JSON lines whose first line is damaged are still read line by line', () => {
  const r = issuesOf(bad('truncated-first-line.json'));
  assert.deepEqual(r.codes, ['json-syntax']);
  assert.deepEqual(r.lines, [1]);
  assert.deepEqual(r.records, [2, 3]);
});

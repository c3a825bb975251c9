/**
 * Contract suite (issue 4): the same events exported in each format normalise to identical
 * RawEvents, field by field. References are read by the EVTX reader; exports are
 * (a) real pairs from the SigmaHQ regression data (`.evtx` + rust evtx_dump `.json`) and
 * (b) fixtures rendered from the committed EVTX samples by scripts/render-fixtures.ts.
 * Each layout's CompareRule names exactly what that export format loses.
 */
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderEventXml } from '../../src/emit/event-xml.js';
import type { RawEvent } from '../../src/model/events.js';
import {
  differences,
  hasShared,
  readAll,
  rendered,
  repoRoot,
  sharedRoot,
  type CompareRule,
} from './helpers.js';

interface SourcesFile {
  sources: { file: string; only: string | null }[];
  events: { source: string; recordId: number }[];
}

function references(): RawEvent[] {
  const manifest = JSON.parse(
    readFileSync(resolve(repoRoot, 'test/samples/ingest/rendered-sources.json'), 'utf8'),
  ) as SourcesFile;
  const { events } = readAll(manifest.sources.map((s) => resolve(repoRoot, s.file)));
  const byKey = new Map(
    events.map((e) => [`${e.source.slice(repoRoot.length + 1)}#${e.recordId}`, e]),
  );
  return manifest.events.map((m) => {
    const e = byKey.get(`${m.source}#${m.recordId}`);
    assert.ok(e, `reference event ${m.source}#${m.recordId} not found`);
    return e;
  });
}

const FULL: CompareRule = {};
const LAYOUTS: { file: string; rule: CompareRule }[] = [
  { file: 'wevtutil.xml', rule: FULL },
  { file: 'event-viewer.xml', rule: FULL },
  { file: 'get-winevent-utf16.xml', rule: FULL },
  { file: 'splunk-raw.json', rule: FULL },
  { file: 'splunk-raw.json.gz', rule: FULL },
  { file: 'xmltodict.json', rule: FULL },
  { file: 'winlogbeat.json', rule: FULL },
  // NXLog/Logstash keep @timestamp to the millisecond.
  { file: 'nxlog.json', rule: { timeDigits: 3 } },
  // Elastic Agent Sysmon pipeline: times in ms; fields moved to ECS are read back; UtcTime and
  // Hashes cannot be, and empty or "-" values are dropped by the pipeline.
  {
    file: 'elastic-agent.json',
    rule: {
      timeDigits: 3,
      lostData: ['UtcTime', 'Hashes'],
      emptyIsAbsent: true,
      dashIsAbsent: true,
    },
  },
  // evtx_dump: microseconds, trailing whitespace trimmed.
  { file: 'evtx-dump.json', rule: { timeDigits: 6, trimEnd: true } },
  { file: 'evtxecmd.csv', rule: { ignoreSystem: ['version'] } },
  {
    file: 'splunk.csv',
    rule: { timeDigits: 3, ignoreSystem: ['version', 'userId'], emptyIsAbsent: true },
  },
];

const refs = references();

for (const { file, rule } of LAYOUTS) {
  test(`contract: ${file} reads to the same events as the EVTX`, () => {
    const { events, inputs } = readAll([rendered(file)]);
    assert.deepEqual(
      inputs.flatMap((i) => i.issues),
      [],
      'no input issues',
    );
    assert.equal(events.length, refs.length, 'event count');
    events.forEach((got, i) => {
      const ref = refs[i] as RawEvent;
      assert.deepEqual(
        differences(ref, got, rule),
        [],
        `${file} event ${i + 1} (record ${ref.recordId})`,
      );
      assert.equal(Object.getPrototypeOf(got.data), null, 'data is a null-prototype object');
    });
  });
}

const DEFENDER: { file: string; eventIds: number[]; fields: string[] }[] = [
  {
    file: 'defender-registry.json',
    eventIds: [12, 13],
    fields: ['EventType', 'TargetObject', 'Details', 'Image', 'ProcessId', 'User'],
  },
  {
    file: 'defender-process.json',
    eventIds: [1],
    fields: [
      'Image',
      'CommandLine',
      'ProcessId',
      'User',
      'IntegrityLevel',
      'ParentImage',
      'ParentProcessId',
      'ParentCommandLine',
    ],
  },
  {
    file: 'defender-file.json',
    eventIds: [11],
    fields: ['TargetFilename', 'Image', 'ProcessId', 'User'],
  },
];

for (const { file, eventIds, fields } of DEFENDER) {
  test(`contract: ${file} maps to Sysmon-equivalent events with Sysmon field names`, () => {
    const { events, inputs } = readAll([rendered(file)]);
    assert.deepEqual(
      inputs.flatMap((i) => i.issues),
      [],
    );
    assert.ok(events.length > 0);
    const byRecord = new Map(
      refs.filter((r) => eventIds.includes(r.eventId)).map((r) => [r.recordId, r]),
    );
    for (const got of events) {
      const ref = byRecord.get(got.recordId);
      assert.ok(ref, `record ${got.recordId} has an EVTX counterpart`);
      // The hidden Run value (name starts with NUL, so Sysmon logs `...\Run\`) has no faithful
      // Defender rendering: RegistryKey + RegistryValueName cannot express an empty last part.
      if (ref.data['TargetObject']?.endsWith('\\')) continue;
      const only = fields.filter((f) => ref.data[f] !== undefined && ref.data[f] !== '');
      assert.deepEqual(
        differences(ref, got, { ignoreSystem: ['version', 'userId'], onlyData: only }),
        [],
        `${file} record ${got.recordId}`,
      );
    }
  });
}

test('contract: archive members are their own inputs and read like the loose files', () => {
  const zip = readAll([rendered('archives.zip')]);
  assert.deepEqual(
    zip.inputs.map((i) => [
      i.path.slice(i.path.indexOf('archives.zip')),
      i.format,
      i.events,
      i.issues.map((x) => x.code),
    ]),
    [
      ['archives.zip!logs/nxlog.json', 'jsonl', refs.length, []],
      ['archives.zip!logs/wevtutil.xml', 'xml', refs.length, []],
      ['archives.zip!README.txt', 'unknown', 0, ['unrecognized-format']],
    ],
  );
  const wev = zip.events.slice(refs.length);
  wev.forEach((got, i) => assert.deepEqual(differences(refs[i] as RawEvent, got), []));
  assert.ok(zip.events[0]?.source.endsWith('archives.zip!logs/nxlog.json'));

  const tgz = readAll([rendered('archives.tar.gz')]);
  assert.deepEqual(
    tgz.inputs.map((i) => [
      i.path.slice(i.path.indexOf('archives.tar.gz')),
      i.format,
      i.events,
      i.issues.length,
    ]),
    [
      ['archives.tar.gz!winlogbeat.json', 'jsonl', refs.length, 0],
      ['archives.tar.gz!evtxecmd.csv', 'csv', refs.length, 0],
    ],
  );
  tgz.events
    .slice(0, refs.length)
    .forEach((got, i) => assert.deepEqual(differences(refs[i] as RawEvent, got), []));
});

test('contract: SigmaHQ regression pairs (.evtx vs rust evtx_dump .json) give identical events', (t) => {
  const root = join(sharedRoot, 'corpus/attack/sigma-regression');
  if (!hasShared) {
    t.skip('../shared/corpus is absent: SigmaHQ regression pairs not checked');
    return;
  }
  let pairs = 0;
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const names = readdirSync(join(root, dir.name));
    const evtx = names.find((n) => n.endsWith('.evtx'));
    const json = names.find((n) => n.endsWith('.json'));
    if (!evtx || !json) continue;
    const a = readAll([join(root, dir.name, evtx)]);
    const b = readAll([join(root, dir.name, json)]);
    assert.deepEqual(
      b.inputs.flatMap((i) => i.issues),
      [],
      dir.name,
    );
    assert.equal(b.events.length, a.events.length, dir.name);
    a.events.forEach((ref, i) => {
      const got = b.events[i] as RawEvent;
      assert.deepEqual(differences(ref, got, { timeDigits: 6, trimEnd: true }), [], dir.name);
      assert.match(
        got.data['ProcessGuid'] ?? '{}',
        /^\{[0-9A-F-]{36}\}$/,
        'GUID folded to the EVTX form',
      );
    });
    pairs++;
  }
  assert.equal(pairs, 7);
});

test('contract: `dump --format xml` output of a non-EVTX input reads back to the same events', () => {
  const { events } = readAll([rendered('nxlog.json')]);
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-xml-'));
  const file = join(dir, 'roundtrip.xml');
  // Control characters and a NUL survive the trip (raw in the XML, as Windows tools write them).
  const tricky = {
    ...events[0],
    data: { ...events[0]?.data, Details: 'a\u0000b\u0007c & <d>' },
  } as RawEvent;
  writeFileSync(file, [tricky, ...events.slice(1)].map(renderEventXml).join('\n') + '\n');
  const back = readAll([file]);
  assert.deepEqual(
    back.inputs.flatMap((i) => i.issues),
    [],
  );
  assert.equal(back.events.length, events.length);
  back.events.forEach((got, i) => {
    const ref = i === 0 ? tricky : (events[i] as RawEvent);
    assert.deepEqual(differences(ref, got), [], `event ${i + 1}`);
  });
});

test('contract: the committed fixtures are exactly what scripts/render-fixtures.ts renders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-render-'));
  const out = join(dir, 'rendered');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(repoRoot, 'scripts/render-fixtures.ts'), out],
    { cwd: repoRoot },
  );
  assert.equal(r.status, 0, r.stderr.toString());
  const committed = resolve(repoRoot, 'test/samples/ingest/rendered');
  const names = readdirSync(committed).sort();
  assert.deepEqual(readdirSync(out).sort(), names);
  for (const name of names) {
    assert.ok(
      readFileSync(join(out, name)).equals(readFileSync(join(committed, name))),
      `${name} differs: re-run the converter`,
    );
  }
  assert.ok(
    readFileSync(join(dir, 'rendered-sources.json')).equals(
      readFileSync(resolve(repoRoot, 'test/samples/ingest/rendered-sources.json')),
    ),
  );
});

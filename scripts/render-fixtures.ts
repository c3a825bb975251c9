/**
 * Renders the committed EVTX samples (test/samples/hunt/) into every export layout runhunt reads,
 * for the ingest contract suite (test/ingest/contract.test.ts). Run: `npx tsx scripts/render-fixtures.ts [out-dir]`.
 *
 * Each converter writes what that tool writes for the same event, from the EVTX reader's output
 * (RawEvent, and the native event XML for the XML-based layouts). Where a tool loses or reshapes
 * something, the converter does the same and test/samples/ingest/rendered/manifest.json records
 * it as that layout's `compare` rule; the contract suite checks everything else field by field.
 * Format notes for each layout are in test/samples/ingest/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { fileSource } from '../src/ingest/byte-source.js';
import { readEvtxEvents, readEvtxXml } from '../src/ingest/evtx/index.js';
import type { RawEvent } from '../src/model/events.js';

/** Output folder; a different one may be given (the contract suite checks reproducibility). */
const OUT = process.argv[2] ?? 'test/samples/ingest/rendered';

/** Sources and the events taken from each (all, or only those touching autostart locations). */
export const SOURCES: { file: string; only?: RegExp }[] = [
  { file: 'test/samples/hunt/run-key-appdata-svchost.evtx' },
  { file: 'test/samples/hunt/run-key-hidden-value-name.evtx' },
  { file: 'test/samples/hunt/startup-folder-redirect.evtx' },
  {
    file: 'test/samples/hunt/atomic-red-team-t1547-001.evtx',
    only: /CurrentVersion\\Run|Startup/i,
  },
];

interface Sample {
  event: RawEvent;
  xml: string;
}

function load(): Sample[] {
  const out: Sample[] = [];
  for (const s of SOURCES) {
    const src = fileSource(s.file);
    const ctx = { source: s.file, onIssue: () => {} };
    const events = [...readEvtxEvents(src, ctx)];
    const xmls = [...readEvtxXml(src, ctx)];
    src.close();
    events.forEach((event, i) => {
      const keep = !s.only || s.only.test(Object.values(event.data).join('\n'));
      if (keep) out.push({ event, xml: xmls[i] ?? '' });
    });
  }
  return out;
}

// ---- helpers -------------------------------------------------------------------------------

const NUMERIC_FIELDS =
  /^(ProcessId|ParentProcessId|SourceProcessId|TargetProcessId|SourcePort|DestinationPort|TerminalSessionId)$/;
const GUID = /^\{([0-9A-F-]{36})\}$/i;

function msIso(t: string): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toISOString();
}

/** evtx_dump renders timestamps with microseconds (6 digits). */
function microIso(t: string): string {
  const m = /^(.*?\.\d{1,6})\d*Z$/.exec(t);
  return m ? `${m[1]}Z` : t;
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function splitUser(u: string | undefined): { domain?: string; name?: string } {
  if (!u) return {};
  const i = u.indexOf('\\');
  return i < 0 ? { name: u } : { domain: u.slice(0, i), name: u.slice(i + 1) };
}

// ---- XML layouts ---------------------------------------------------------------------------

/** `wevtutil qe <log> /f:xml`: events back to back, no root, no line breaks between them. */
function wevtutil(s: Sample[]): string {
  return s.map((x) => x.xml).join('');
}

/** Event Viewer "Save as XML": an `<Events>` root, each event with a RenderingInfo block. */
function eventViewer(s: Sample[]): string {
  const body = s
    .map((x) => {
      const e = x.event;
      const msg = Object.entries(e.data)
        .map(([k, v]) => `${k}: ${escapeXml(v)}`)
        .join('\r\n');
      const rendering =
        `<RenderingInfo Culture='en-US'><Message>${msg}</Message><Level>Information</Level>` +
        `<Task>${e.eventId}</Task><Opcode>Info</Opcode><Channel>${escapeXml(e.channel)}</Channel>` +
        `<Provider>${escapeXml(e.provider)}</Provider><Keywords></Keywords></RenderingInfo>`;
      return x.xml.replace(/<\/Event>$/, `${rendering}</Event>`);
    })
    .join('\r\n');
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n<Events>${body}</Events>`;
}

/** `Get-WinEvent ... | % { $_.ToXml() } | Out-File x.xml` (PowerShell 5: UTF-16LE with BOM, CRLF). */
function getWinEvent(s: Sample[]): Uint8Array {
  const text = s.map((x) => x.xml).join('\r\n') + '\r\n';
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

function escapeXml(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---- JSON layouts --------------------------------------------------------------------------

/** NXLog im_msvistalog + Logstash as in the Mordor datasets: EventData at the top level. */
function nxlog(s: Sample[]): string {
  return s
    .map(({ event: e }) =>
      JSON.stringify({
        EventTime: e.timeCreated.slice(0, 19).replace('T', ' '),
        Hostname: e.computer,
        Keywords: -9223372036854775808,
        EventType: 'INFO',
        SeverityValue: 2,
        Severity: 'INFO',
        EventID: e.eventId,
        SourceName: e.provider,
        ProviderGuid: '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}',
        Version: e.version,
        Task: e.eventId,
        OpcodeValue: 0,
        RecordNumber: e.recordId,
        ExecutionProcessID: 1234,
        ThreadID: 5678,
        Channel: e.channel,
        ...(e.userId
          ? { Domain: 'NT AUTHORITY', AccountName: 'SYSTEM', UserID: e.userId, AccountType: 'User' }
          : {}),
        Message: Object.entries(e.data)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n'),
        ...e.data,
        EventReceivedTime: e.timeCreated.slice(0, 19).replace('T', ' '),
        SourceModuleName: 'eventlog',
        SourceModuleType: 'im_msvistalog',
        '@timestamp': msIso(e.timeCreated),
        '@version': '1',
        host: 'wec.internal.cloudapp.net',
        port: 55069,
        tags: ['mordorDataset'],
      }),
    )
    .join('\n');
}

/** Winlogbeat 8: winlog.* with event_data as logged, plus a few ECS fields. */
function winlogbeat(s: Sample[]): string {
  return s
    .map(({ event: e }) =>
      JSON.stringify({
        '@timestamp': msIso(e.timeCreated),
        event: {
          code: String(e.eventId),
          provider: e.provider,
          kind: 'event',
          created: '2030-01-01T00:00:00.000Z',
        },
        host: { name: e.computer.toLowerCase() },
        winlog: {
          channel: e.channel,
          computer_name: e.computer,
          event_id: String(e.eventId),
          provider_name: e.provider,
          provider_guid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}',
          record_id: e.recordId,
          version: e.version,
          time_created: e.timeCreated,
          ...(e.userId
            ? {
                user: {
                  identifier: e.userId,
                  domain: 'NT AUTHORITY',
                  name: 'SYSTEM',
                  type: 'User',
                },
              }
            : {}),
          event_data: e.data,
        },
      }),
    )
    .join('\n');
}

/**
 * Fields the Sysmon ingest pipeline (Elastic Agent integration, Winlogbeat sysmon module) moves
 * out of event_data or deletes: elastic/beats x-pack/winlogbeat/module/sysmon/ingest/sysmon.yml.
 */
const ECS_MOVED = [
  'Image',
  'ProcessGuid',
  'ProcessId',
  'User',
  'CommandLine',
  'CurrentDirectory',
  'ParentImage',
  'ParentProcessGuid',
  'ParentProcessId',
  'ParentCommandLine',
  'TargetFilename',
  'ImageLoaded',
  'TargetObject',
  'Details',
  'RuleName',
  'UtcTime',
  'Hashes',
  'OriginalFileName',
];

/** ECS registry.data as the pipeline derives it from Sysmon's Details. */
function ecsRegistryData(details: string): { strings: string[]; type: string } {
  const dword = /^DWORD \((0x[0-9a-f]{8})\)$/i.exec(details);
  if (dword?.[1]) return { strings: [String(parseInt(dword[1], 16))], type: 'SZ_DWORD' };
  if (details === 'Binary Data') return { strings: [details], type: 'REG_BINARY' };
  return { strings: [details], type: 'REG_SZ' };
}

/** Elastic Agent (windows.sysmon_operational) documents after the Sysmon ingest pipeline. */
function elasticAgent(s: Sample[]): string {
  return s
    .map(({ event: e }) => {
      const d = e.data;
      const rest: Record<string, string> = {};
      // The pipeline drops empty and "-" values, then the moved fields.
      for (const [k, v] of Object.entries(d))
        if (!ECS_MOVED.includes(k) && v !== '' && v !== '-') rest[k] = v;
      const user = splitUser(d['User']);
      const utc = d['UtcTime'] ? `${d['UtcTime'].replace(' ', 'T')}Z` : msIso(e.timeCreated);
      const registry =
        d['TargetObject'] !== undefined && [12, 13, 14].includes(e.eventId)
          ? {
              path: d['TargetObject'],
              value: d['TargetObject'].split('\\').pop(),
              ...(d['Details'] ? { data: ecsRegistryData(d['Details']) } : {}),
            }
          : undefined;
      const hashes = Object.fromEntries(
        (d['Hashes'] ?? '')
          .split(',')
          .filter((h) => h.includes('='))
          .map((h) => [h.split('=')[0]?.toLowerCase(), h.split('=')[1]?.toLowerCase()]),
      );
      const filePath = e.eventId === 7 ? d['ImageLoaded'] : d['TargetFilename'];
      return JSON.stringify({
        '@timestamp': utc,
        data_stream: { dataset: 'windows.sysmon_operational', type: 'logs' },
        event: {
          code: String(e.eventId),
          provider: e.provider,
          module: 'sysmon',
          kind: 'event',
          created: msIso(e.timeCreated),
        },
        host: { name: e.computer.toLowerCase() },
        ...(d['RuleName'] && d['RuleName'] !== '-' ? { rule: { name: d['RuleName'] } } : {}),
        process: {
          ...(d['Image'] !== undefined
            ? { executable: d['Image'], name: d['Image'].split('\\').pop() }
            : {}),
          ...(d['ProcessGuid'] !== undefined ? { entity_id: d['ProcessGuid'] } : {}),
          ...(d['ProcessId'] !== undefined ? { pid: Number(d['ProcessId']) } : {}),
          ...(d['CommandLine'] !== undefined ? { command_line: d['CommandLine'] } : {}),
          ...(d['CurrentDirectory'] !== undefined
            ? { working_directory: d['CurrentDirectory'] }
            : {}),
          ...(e.eventId === 1 && Object.keys(hashes).length > 0 ? { hash: hashes } : {}),
          ...(e.eventId === 1 && d['OriginalFileName']
            ? { pe: { original_file_name: d['OriginalFileName'] } }
            : {}),
          ...(d['ParentImage'] !== undefined
            ? {
                parent: {
                  executable: d['ParentImage'],
                  entity_id: d['ParentProcessGuid'],
                  pid: Number(d['ParentProcessId']),
                  command_line: d['ParentCommandLine'],
                },
              }
            : {}),
        },
        ...(registry ? { registry } : {}),
        ...(filePath !== undefined
          ? {
              file: {
                path: filePath,
                ...(e.eventId === 7 && d['OriginalFileName']
                  ? { pe: { original_file_name: d['OriginalFileName'] } }
                  : {}),
              },
            }
          : {}),
        ...(user.name ? { user } : {}),
        winlog: {
          channel: e.channel,
          computer_name: e.computer,
          event_id: String(e.eventId),
          provider_name: e.provider,
          record_id: String(e.recordId),
          version: e.version,
          ...(e.userId ? { user: { identifier: e.userId } } : {}),
          ...(Object.keys(rest).length > 0 ? { event_data: rest } : {}),
        },
      });
    })
    .join('\n');
}

/** rust evtx_dump -o json: pretty-printed, concatenated, typed numbers, bare upper-case GUIDs. */
function evtxDump(s: Sample[]): string {
  return (
    s
      .map(({ event: e }) => {
        const data: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(e.data)) {
          const g = GUID.exec(v);
          // evtx_dump trims trailing whitespace of string values.
          data[k] = g
            ? g[1]?.toUpperCase()
            : NUMERIC_FIELDS.test(k) && /^\d+$/.test(v)
              ? Number(v)
              : v.trimEnd();
        }
        const doc = {
          Event: {
            '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
            System: {
              Provider: {
                '#attributes': { Name: e.provider, Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' },
              },
              EventID: e.eventId,
              Version: e.version,
              Level: 4,
              TimeCreated: { '#attributes': { SystemTime: microIso(e.timeCreated) } },
              EventRecordID: e.recordId,
              Correlation: null,
              Channel: e.channel,
              Computer: e.computer,
              Security: e.userId ? { '#attributes': { UserID: e.userId } } : null,
            },
            EventData: data,
          },
        };
        return JSON.stringify(doc, null, 2);
      })
      .join('\n') + '\n'
  );
}

/** xmltodict.parse(event_xml) for each event, saved as one JSON array. */
function xmltodict(s: Sample[]): string {
  const docs = s.map(({ event: e }) => ({
    Event: {
      '@xmlns': 'http://schemas.microsoft.com/win/2004/08/events/event',
      System: {
        Provider: { '@Name': e.provider, '@Guid': '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}' },
        EventID: String(e.eventId),
        ...(e.version !== undefined ? { Version: String(e.version) } : {}),
        TimeCreated: { '@SystemTime': e.timeCreated },
        EventRecordID: String(e.recordId),
        Channel: e.channel,
        Computer: e.computer,
        Security: e.userId ? { '@UserID': e.userId } : null,
      },
      EventData: {
        Data: Object.entries(e.data).map(([k, v]) =>
          v === '' ? { '@Name': k } : { '@Name': k, '#text': v },
        ),
      },
    },
  }));
  return JSON.stringify(docs, null, 1) + '\n';
}

/** Splunk REST/CLI export (`output_mode=json`): one {"result": ...} per line, XML in _raw. */
function splunkRaw(s: Sample[]): string {
  return s
    .map(({ event: e, xml }) =>
      JSON.stringify({
        preview: false,
        result: {
          _raw: xml,
          _time: msIso(e.timeCreated).replace('Z', '+00:00'),
          host: e.computer,
          index: 'main',
          source: `XmlWinEventLog:${e.channel}`,
          sourcetype: 'XmlWinEventLog',
        },
      }),
    )
    .join('\n');
}

/** Splunk search results exported as CSV (WinEventLog-style extracted fields, one column each). */
function splunkCsv(s: Sample[]): string {
  const dataCols = [...new Set(s.flatMap(({ event }) => Object.keys(event.data)))];
  const header = [
    '_time',
    'host',
    'source',
    'sourcetype',
    'EventCode',
    'RecordNumber',
    'ComputerName',
    'LogName',
    'SourceName',
    ...dataCols,
  ];
  const rows = s.map(({ event: e }) => [
    msIso(e.timeCreated).replace('Z', '+00:00'),
    e.computer,
    `WinEventLog:${e.channel}`,
    'WinEventLog',
    String(e.eventId),
    String(e.recordId),
    e.computer,
    e.channel,
    e.provider,
    ...dataCols.map((c) => e.data[c] ?? ''),
  ]);
  return csv(header, rows);
}

/** EvtxECmd --csv: fixed columns, event data as xmltodict-style JSON in `Payload`. */
function evtxecmd(s: Sample[]): string {
  const header = [
    'RecordNumber',
    'EventRecordId',
    'TimeCreated',
    'EventId',
    'Level',
    'Provider',
    'Channel',
    'ProcessId',
    'ThreadId',
    'Computer',
    'ChunkNumber',
    'UserId',
    'MapDescription',
    'UserName',
    'RemoteHost',
    'PayloadData1',
    'PayloadData2',
    'PayloadData3',
    'PayloadData4',
    'PayloadData5',
    'PayloadData6',
    'ExecutableInfo',
    'HiddenRecord',
    'SourceFile',
    'Keywords',
    'ExtraDataOffset',
    'Payload',
  ];
  const rows = s.map(({ event: e }, i) => {
    const payload = JSON.stringify({
      EventData: {
        Data: Object.entries(e.data).map(([k, v]) =>
          v === '' ? { '@Name': k } : { '@Name': k, '#text': v },
        ),
      },
    });
    const d = e.data;
    return [
      String(i + 1),
      String(e.recordId),
      e.timeCreated.replace('T', ' ').replace('Z', ''),
      String(e.eventId),
      'Info',
      e.provider,
      e.channel,
      '',
      '',
      e.computer,
      '0',
      e.userId ?? '',
      '',
      '',
      '',
      d['ProcessGuid']
        ? `ProcessID: ${d['ProcessId'] ?? ''}, ProcessGUID: ${d['ProcessGuid']}`
        : '',
      d['EventType'] ?? '',
      d['TargetObject'] ? `TargetObject: ${d['TargetObject']}` : '',
      d['Details'] ? `Details: ${d['Details']}` : '',
      '',
      '',
      d['Image'] ?? '',
      'False',
      `C:\\logs\\${basename('sysmon.evtx')}`,
      '0x8000000000000000',
      '0',
      payload,
    ];
  });
  return csv(header, rows);
}

// ---- Defender advanced hunting ------------------------------------------------------------

const HIVES: [RegExp, string][] = [
  [/^HKLM(?=\\|$)/i, 'HKEY_LOCAL_MACHINE'],
  [/^HKU(?=\\|$)/i, 'HKEY_CURRENT_USER'],
  [/^HKCR(?=\\|$)/i, 'HKEY_CLASSES_ROOT'],
];

function defenderKey(targetObject: string): { key: string; value: string } {
  let p = targetObject;
  for (const [re, to] of HIVES) p = p.replace(re, to);
  const i = p.lastIndexOf('\\');
  return { key: p.slice(0, i), value: p.slice(i + 1) };
}

const REG_ACTION: Record<string, string> = {
  SetValue: 'RegistryValueSet',
  CreateKey: 'RegistryKeyCreated',
  DeleteKey: 'RegistryKeyDeleted',
  DeleteValue: 'RegistryValueDeleted',
};

function initiating(d: Record<string, string>): Record<string, unknown> {
  const u = splitUser(d['User']);
  const image = d['Image'] ?? '';
  return {
    InitiatingProcessAccountDomain: u.domain ?? '',
    InitiatingProcessAccountName: u.name ?? '',
    InitiatingProcessFileName: image.split('\\').pop() ?? '',
    InitiatingProcessFolderPath: image,
    InitiatingProcessId: Number(d['ProcessId']),
  };
}

/** DeviceRegistryEvents / DeviceProcessEvents / DeviceFileEvents rows (portal JSON export). */
function defender(s: Sample[]): { registry: string; process: string; file: string } {
  const reg: unknown[] = [];
  const proc: unknown[] = [];
  const file: unknown[] = [];
  for (const { event: e } of s) {
    const d = e.data;
    const common = {
      Timestamp: e.timeCreated,
      DeviceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      DeviceName: e.computer,
      ReportId: e.recordId,
    };
    if (
      (e.eventId === 12 || e.eventId === 13) &&
      d['TargetObject'] &&
      REG_ACTION[d['EventType'] ?? '']
    ) {
      const { key, value } = defenderKey(d['TargetObject']);
      const isKey = d['EventType'] === 'CreateKey' || d['EventType'] === 'DeleteKey';
      reg.push({
        ...common,
        ActionType: REG_ACTION[d['EventType'] ?? ''],
        RegistryKey: isKey ? defenderKey(d['TargetObject'] + '\\x').key : key,
        RegistryValueType: e.eventId === 13 ? 'String' : '',
        RegistryValueName: isKey ? '' : value,
        RegistryValueData: d['Details'] ?? '',
        ...initiating(d),
      });
    } else if (e.eventId === 1) {
      const u = splitUser(d['User']);
      const image = d['Image'] ?? '';
      proc.push({
        ...common,
        ActionType: 'ProcessCreated',
        FileName: image.split('\\').pop(),
        FolderPath: image,
        ProcessId: Number(d['ProcessId']),
        ProcessCommandLine: d['CommandLine'],
        ProcessIntegrityLevel: d['IntegrityLevel'],
        AccountDomain: u.domain ?? '',
        AccountName: u.name ?? '',
        InitiatingProcessFileName: (d['ParentImage'] ?? '').split('\\').pop(),
        InitiatingProcessFolderPath: d['ParentImage'],
        InitiatingProcessId: Number(d['ParentProcessId']),
        InitiatingProcessCommandLine: d['ParentCommandLine'],
      });
    } else if (e.eventId === 11 && d['TargetFilename']) {
      const t = d['TargetFilename'];
      file.push({
        ...common,
        ActionType: 'FileCreated',
        FileName: t.split('\\').pop(),
        FolderPath: t,
        ...initiating(d),
      });
    }
  }
  const lines = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return { registry: lines(reg), process: lines(proc), file: lines(file) };
}

// ---- archives ------------------------------------------------------------------------------

/** A minimal POSIX ustar writer (regular files only). */
function tar(files: Record<string, Uint8Array>): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const [name, data] of Object.entries(files)) {
    const h = new Uint8Array(512);
    h.set(enc.encode(name).subarray(0, 100), 0);
    h.set(enc.encode('0000644\0'), 100);
    h.set(enc.encode('0000000\0'), 108);
    h.set(enc.encode('0000000\0'), 116);
    h.set(enc.encode(data.length.toString(8).padStart(11, '0') + '\0'), 124);
    h.set(enc.encode('14000000000\0'), 136);
    h.set(enc.encode('        '), 148);
    h[156] = 0x30;
    h.set(enc.encode('ustar\0'), 257);
    h.set(enc.encode('00'), 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.set(enc.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
    blocks.push(h, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const total = blocks.reduce((a, b) => a + b.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

// ---- main ----------------------------------------------------------------------------------

function main(): void {
  const samples = load();
  mkdirSync(OUT, { recursive: true });
  const enc = new TextEncoder();
  const def = defender(samples);
  const files: Record<string, string | Uint8Array> = {
    'wevtutil.xml': wevtutil(samples),
    'event-viewer.xml': eventViewer(samples),
    'get-winevent-utf16.xml': getWinEvent(samples),
    'nxlog.json': nxlog(samples),
    'winlogbeat.json': winlogbeat(samples),
    'elastic-agent.json': elasticAgent(samples),
    'evtx-dump.json': evtxDump(samples),
    'xmltodict.json': xmltodict(samples),
    'splunk-raw.json': splunkRaw(samples),
    'splunk.csv': splunkCsv(samples),
    'evtxecmd.csv': evtxecmd(samples),
    'defender-registry.json': def.registry,
    'defender-process.json': def.process,
    'defender-file.json': def.file,
  };
  for (const [name, body] of Object.entries(files)) writeFileSync(join(OUT, name), body);
  const bytes = (n: string): Uint8Array => {
    const v = files[n];
    return typeof v === 'string' ? enc.encode(v) : (v ?? new Uint8Array(0));
  };
  // Fixed timestamps keep the archives byte-for-byte reproducible.
  const mtime = new Date('2024-01-01T00:00:00Z');
  writeFileSync(
    join(OUT, 'archives.zip'),
    zipSync(
      {
        'logs/nxlog.json': bytes('nxlog.json'),
        'logs/wevtutil.xml': bytes('wevtutil.xml'),
        'README.txt': enc.encode('not a log\n'),
      },
      { mtime },
    ),
  );
  writeFileSync(
    join(OUT, 'archives.tar.gz'),
    gzipSync(
      tar({ 'winlogbeat.json': bytes('winlogbeat.json'), 'evtxecmd.csv': bytes('evtxecmd.csv') }),
      { mtime },
    ),
  );
  writeFileSync(join(OUT, 'splunk-raw.json.gz'), gzipSync(bytes('splunk-raw.json'), { mtime }));
  writeFileSync(
    join(OUT, '..', 'rendered-sources.json'),
    JSON.stringify(
      {
        sources: SOURCES.map((s) => ({ file: s.file, only: s.only?.source ?? null })),
        events: samples.map((x) => ({ source: x.event.source, recordId: x.event.recordId })),
      },
      null,
      1,
    ) + '\n',
  );
}

main();

/**
 * Rules from findings, generalised: findings are grouped by what was written (the kind, the
 * autostart location) and by what made them suspicious (the value indicators that fired), and
 * each group becomes one rule. Host names, users, SIDs, times and record numbers never appear in
 * a rule: registry keys lose their hive and user SID, values are matched by the fragments the
 * indicators stand for (`\AppData\Roaming\`, `DownloadString`, ...), not by the full payload path.
 *
 * Every value placed in a rule is checked to occur in the finding it came from, so the rule
 * matches the events of its findings (the round trip is tested in test/sigma/rules-roundtrip).
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../model/finding.js';
import { literal } from '../../sigma/sigma-string.js';
import type { FieldItem, ItemOp, Level, RuleTree } from './tree.js';

/**
 * Value indicator → text fragments it stands for in the logged value. A fragment is used only
 * when it occurs in the finding's value. (Candidates for a data file; kept next to the only
 * code that reads them for now.)
 */
const VALUE_FRAGMENTS: Readonly<Record<string, readonly string[]>> = {
  'path-temp': ['\\AppData\\Local\\Temp\\', '\\Windows\\Temp\\', ':\\Temp\\', '%TEMP%', '%TMP%'],
  'path-appdata': ['\\AppData\\Roaming\\', '%APPDATA%', '\\AppData\\Local\\'],
  'path-programdata': [':\\ProgramData\\', '%ProgramData%', '%ALLUSERSPROFILE%'],
  'path-public': ['\\Users\\Public\\', '%PUBLIC%'],
  'path-recycle-bin': ['\\$Recycle.Bin\\'],
  'path-perflogs': [':\\PerfLogs\\'],
  'path-downloads': ['\\Downloads\\'],
  'path-webdav': ['\\DavWWWRoot\\', '@SSL\\'],
  'encoded-powershell': ['-EncodedCommand', ' -enc ', ' -ec ', ' -e '],
  'powershell-download': [
    'DownloadString',
    'DownloadFile',
    'Invoke-WebRequest',
    'Net.WebClient',
    'Start-BitsTransfer',
  ],
  'powershell-hidden': ['-WindowStyle hidden', '-w hidden', '-win hidden'],
  'lolbin-mshta': ['mshta'],
  'lolbin-rundll32': ['rundll32'],
  'lolbin-regsvr32': ['regsvr32'],
  'url-in-value': ['http://', 'https://'],
  'script-interpreter': ['powershell', 'pwsh', 'wscript', 'cscript', 'cmd.exe', 'cmd /c', 'mshta'],
  'script-file': ['.bat', '.cmd', '.vbs', '.vbe', '.js', '.jse', '.ps1', '.hta', '.wsf'],
  'registry-indirection': ['Get-ItemProperty', 'gp HK', 'HKLM:', 'HKCU:'],
};

const SEVERITY_ORDER: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];

export interface FindingsRuleOptions {
  /** Rule date (YYYY-MM-DD); defaults to today (UTC). */
  date?: string;
  author?: string;
}

export interface FindingsRule {
  rule: RuleTree;
  /** Ids of the findings the rule was made from. */
  findings: string[];
}

export interface SkippedFinding {
  finding: string;
  reason: string;
}

interface Shape {
  groupKey: string;
  category: 'registry_set' | 'file_event' | 'process_creation';
  /** selection name → items; values are unioned across the group. */
  selections: Record<
    string,
    { field: string; op: ItemOp; values: string[]; registryPath?: 'key' | 'value' }
  >;
  what: string;
  why: string[];
  ioc: boolean;
}

const lc = (s: string): string => s.toLowerCase();
const occurs = (hay: string, needle: string): boolean => lc(hay).includes(lc(needle));
const lastSegment = (p: string): string => p.slice(p.lastIndexOf('\\') + 1);

/** `HKU\S-1-5-21-...\Software\Microsoft\...\Run` → `Microsoft\...\Run` (no hive, SID, SOFTWARE). */
export function generalKey(key: string): string {
  return key
    .replace(/^\\REGISTRY\\(MACHINE|USER)\\/i, 'HK\\')
    .replace(/^(HKLM|HKCU|HKU|HKCR|HK|HKEY_[A-Z_]+)\\/i, '')
    .replace(/^(S-1-[\d-]+(_Classes)?|\.DEFAULT)\\/i, '')
    .replace(/^SOFTWARE\\(Wow6432Node\\)?/i, '')
    .replace(/^System\\(CurrentControlSet|ControlSet\d{3})\\/i, 'CurrentControlSet\\');
}

function keyOf(targetObject: string, valueName: string): string {
  if (targetObject.endsWith('\\')) return targetObject.slice(0, -1); // hidden (NUL) value name
  return valueName && targetObject.toLowerCase().endsWith('\\' + valueName.toLowerCase())
    ? targetObject.slice(0, -valueName.length - 1)
    : targetObject.slice(0, targetObject.lastIndexOf('\\'));
}

/** Locations whose every value is an autostart entry (Run-like): match the key, not the value. */
const isContainerLocation = (id: string | undefined): boolean =>
  id !== undefined && /^(run|policies-explorer-run|run-services|run-once)/.test(id);

function valueReasons(f: Finding, text: string): { ids: string[]; fragments: string[] } {
  const ids: string[] = [];
  const fragments: string[] = [];
  for (const hit of f.indicators) {
    const frags = VALUE_FRAGMENTS[hit.id]?.filter((x) => occurs(text, x)) ?? [];
    if (frags.length === 0) continue;
    ids.push(hit.id);
    fragments.push(...frags);
  }
  return { ids: [...new Set(ids)].sort(), fragments: [...new Set(fragments)] };
}

function shapeOf(f: Finding): Shape | string {
  if (f.kind === 'registry' && f.registry) {
    const r = f.registry;
    const key = generalKey(keyOf(r.targetObject, r.valueName));
    if (key === '' || !occurs(r.targetObject, key)) return 'registry key could not be generalised';
    // A NUL-prefixed (hidden) value name is logged as an empty name: the path ends in `\`.
    const hidden =
      f.indicators.some((i) => i.id === 'hidden-value-name') && r.targetObject.endsWith('\\');
    const container = isContainerLocation(f.location?.id) && !hidden;
    const target = container ? `\\${key}\\` : `\\${key}\\${hidden ? '' : r.valueName}`;
    const fits = container
      ? occurs(r.targetObject, target)
      : lc(r.targetObject).endsWith(lc(target));
    if (!fits) return 'registry path could not be generalised';
    const reasons = hidden
      ? { ids: ['hidden-value-name'], fragments: [] }
      : valueReasons(f, r.details);
    let ioc = false;
    let valueSel: string[] = reasons.fragments;
    if (!hidden && valueSel.length === 0 && f.command?.executable) {
      // Nothing generic made it suspicious: match the payload's file name (an IOC-style rule).
      const exe = lastSegment(f.command.executable);
      const needle = occurs(r.details, '\\' + exe) ? '\\' + exe : exe;
      if (exe && occurs(r.details, needle)) {
        valueSel = [needle];
        ioc = true;
      }
    }
    const selections: Shape['selections'] = {
      selection_key: {
        field: 'TargetObject',
        op: container ? 'contains' : 'endswith',
        values: [target],
        registryPath: target.endsWith('\\') ? 'key' : 'value',
      },
    };
    if (valueSel.length > 0)
      selections['selection_value'] = { field: 'Details', op: 'contains', values: valueSel };
    return {
      groupKey: `registry|${f.location?.id ?? key}|${container ? '' : lc(r.valueName)}|${ioc ? 'ioc' : reasons.ids.join(',')}`,
      category: 'registry_set',
      selections,
      what: `a value set in the ${f.location?.id ?? key} autostart location${firstSentence(f.location?.description)}`,
      why: ioc ? [] : reasons.ids,
      ioc,
    };
  }
  if (f.kind === 'startup-folder' && f.file) {
    const name = lastSegment(f.file.targetFilename);
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot) : '';
    const folder = '\\Start Menu\\Programs\\Startup\\';
    if (!occurs(f.file.targetFilename, folder))
      return 'not under a Start Menu\\Programs\\Startup folder';
    const selections: Shape['selections'] = {
      selection_folder: { field: 'TargetFilename', op: 'contains', values: [folder] },
    };
    if (ext)
      selections['selection_type'] = { field: 'TargetFilename', op: 'endswith', values: [ext] };
    const kindIds = f.indicators
      .map((i) => i.id)
      .filter((id) => id.startsWith('startup-folder-') && id !== 'startup-folder-drop');
    return {
      groupKey: `startup|${kindIds.sort().join(',')}`,
      category: 'file_event',
      selections,
      what: 'a file created in a Startup folder',
      why: kindIds,
      ioc: false,
    };
  }
  if (f.kind === 'command-line' && f.registry && f.process.commandLine) {
    const cmd = f.process.commandLine;
    const key = generalKey(keyOf(f.registry.targetObject, f.registry.valueName));
    const parts = key.split('\\');
    const tail = parts.slice(-2).join('\\');
    if (!tail || !occurs(cmd, tail))
      return 'the autostart key is not spelled out in the command line';
    const exe = lastSegment(f.process.image);
    const selections: Shape['selections'] = {};
    if (exe) selections['selection_img'] = { field: 'Image', op: 'endswith', values: ['\\' + exe] };
    selections['selection_key'] = { field: 'CommandLine', op: 'contains', values: [tail] };
    return {
      groupKey: `cmd|${f.location?.id ?? tail}|${lc(exe)}`,
      category: 'process_creation',
      selections,
      what: `a command line that writes the ${f.location?.id ?? tail} autostart location`,
      why: [],
      ioc: false,
    };
  }
  return 'finding kind has no rule shape';
}

/** A UUID (version 4 layout) derived from the rule's content, so the same input gives the same id. */
function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const firstSentence = (d: string | undefined): string => {
  const t = (d ?? '').split(/\.\s/)[0]?.replace(/\.$/, '').trim() ?? '';
  return t ? ` (${t})` : '';
};

const titleCase = (s: string): string =>
  s.replace(/(^|[\s-])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());

export function rulesFromFindings(
  findings: readonly Finding[],
  opts: FindingsRuleOptions = {},
): { rules: FindingsRule[]; skipped: SkippedFinding[] } {
  const groups = new Map<string, { shape: Shape; findings: Finding[] }>();
  const skipped: SkippedFinding[] = [];
  for (const f of findings) {
    const s = shapeOf(f);
    if (typeof s === 'string') {
      skipped.push({ finding: f.id, reason: s });
      continue;
    }
    const g = groups.get(s.groupKey);
    if (!g) groups.set(s.groupKey, { shape: s, findings: [f] });
    else {
      g.findings.push(f);
      for (const [name, sel] of Object.entries(s.selections)) {
        const into = g.shape.selections[name];
        if (into) into.values = [...new Set([...into.values, ...sel.values])];
      }
    }
  }
  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const rules: FindingsRule[] = [];
  for (const { shape, findings: fs } of groups.values()) {
    const selections: Record<string, FieldItem[]> = {};
    for (const [name, sel] of Object.entries(shape.selections)) {
      const item: FieldItem = {
        field: sel.field,
        op: sel.op,
        all: false,
        values: [...sel.values].sort().map(literal),
      };
      if (sel.registryPath) item.registryPath = sel.registryPath;
      selections[name] = [item];
    }
    const level = fs
      .map((f) => f.severity)
      .reduce(
        (a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a),
        'informational' as Severity,
      );
    const techniques = [
      ...new Set(fs.flatMap((f) => f.techniques.map((t) => t.id.toLowerCase()))),
    ].sort();
    const tags = [
      'attack.persistence',
      ...(techniques.some((t) => t.startsWith('t1547')) ? ['attack.privilege-escalation'] : []),
      ...techniques.map((t) => `attack.${t}`),
    ];
    const location = fs[0]!.location?.id;
    const why = shape.why.length > 0 ? ` (${shape.why.join(', ')})` : '';
    const title =
      shape.category === 'file_event'
        ? `Startup Folder File Creation${why}`
        : shape.category === 'process_creation'
          ? `Command Line Writes Autostart Location ${titleCase(location ?? '')}`.trim()
          : `Autostart Value Set In ${titleCase(location ?? 'Registry')}${shape.ioc ? ' - Known Payload' : why}`;
    const hosts = [...new Set(fs.map((f) => f.host).filter((h) => h !== ''))].sort();
    const body = JSON.stringify({ c: shape.category, s: selections });
    const rule: RuleTree = {
      title: title.slice(0, 256),
      id: stableUuid(body),
      status: 'experimental',
      description:
        `Detects ${shape.what}${shape.why.length > 0 ? ` whose value matches ${shape.why.join(', ')}` : ''}. ` +
        `Generated by runhunt from ${fs.length} finding(s)${hosts.length > 0 ? ` on ${hosts.join(', ')}` : ''}.`,
      author: opts.author ?? 'runhunt',
      date,
      tags: [...new Set(tags)],
      logsource: { category: shape.category, product: 'windows' },
      selections,
      condition:
        Object.keys(selections).length === 1 ? Object.keys(selections)[0]! : 'all of selection_*',
      falsepositives: shape.ioc
        ? ['Unlikely']
        : ['Legitimate software that registers an autostart entry with the same traits'],
      level: level as Level,
    };
    rules.push({ rule, findings: fs.map((f) => f.id) });
  }
  rules.sort(
    (a, b) => a.rule.title.localeCompare(b.rule.title) || a.rule.id.localeCompare(b.rule.id),
  );
  return { rules, skipped };
}

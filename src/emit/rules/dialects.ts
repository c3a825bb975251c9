/**
 * The dialect tables. Operators, quoting, escaping and field maps follow the pySigma backends and
 * pipelines summarised in ../shared/reference/sigma.md §10-11 (splunk + splunk_windows /
 * splunk_cim, kusto + microsoft_xdr, elasticsearch eql/esql + ecs_windows). Where the reference
 * output does not do what the rule means, the dialect does the right thing instead and says why
 * (ES|QL LIKE escaping below).
 */
import {
  hasInnerWildcard,
  isNumber,
  spell,
  withWildcards,
  DialectError,
  type Dialect,
} from './dialect.js';
import type { ItemOp } from './tree.js';
import type { SigmaString } from '../../sigma/sigma-string.js';

// ----------------------------------------------------------------------------------- Splunk
/** Splunk string: `\`, `"` and a literal `*` take a backslash; both wildcards become `*`. */
const splunkValue = (v: SigmaString): string =>
  isNumber(v)
    ? v.join('')
    : `"${spell(v, (s) => s.replace(/[\\"*]/g, (c) => '\\' + c), '*', '*')}"`;

function splunkDialect(name: string, field: (f: string) => string): Dialect {
  return {
    name,
    and: ' ',
    or: ' OR ',
    not: (e) => `NOT ${e}`,
    precedence: ['not', 'or', 'and'],
    parenthesizeAll: false,
    field,
    compare: (f, op, v) => `${f}=${splunkValue(withWildcards(op, v))}`,
    inList: (f, op, vs) =>
      `${f} IN (${vs.map((v) => splunkValue(withWildcards(op, v))).join(', ')})`,
    isNull: (f) => `NOT ${f}=*`,
  };
}

/** Raw Sysmon in Splunk (splunk_windows pipeline): Sysmon field names, EventID → EventCode. */
export const SPLUNK = splunkDialect('splunk', (f) => (f === 'EventID' ? 'EventCode' : f));

/** CIM data models used by `tstats` (splunk_cim pipeline). */
export const CIM_MODELS: Record<
  string,
  { model: string; fields: Record<string, string>; by: string[] }
> = {
  registry: {
    model: 'Endpoint.Registry',
    fields: {
      Computer: 'Registry.dest',
      Details: 'Registry.registry_value_data',
      EventType: 'Registry.action',
      Image: 'Registry.process_path',
      ProcessGuid: 'Registry.process_guid',
      ProcessId: 'Registry.process_id',
      TargetObject: 'Registry.registry_key_name',
      RegistryPath: 'Registry.registry_path',
    },
    by: ['Computer', 'Details', 'EventType', 'Image', 'ProcessGuid', 'ProcessId', 'TargetObject'],
  },
  process_creation: {
    model: 'Endpoint.Processes',
    fields: {
      CommandLine: 'Processes.process',
      Computer: 'Processes.dest',
      CurrentDirectory: 'Processes.process_current_directory',
      Image: 'Processes.process_path',
      IntegrityLevel: 'Processes.process_integrity_level',
      OriginalFileName: 'Processes.original_file_name',
      ParentCommandLine: 'Processes.parent_process',
      ParentImage: 'Processes.parent_process_path',
      ParentProcessGuid: 'Processes.parent_process_guid',
      ParentProcessId: 'Processes.parent_process_id',
      ProcessGuid: 'Processes.process_guid',
      ProcessId: 'Processes.process_id',
      User: 'Processes.user',
    },
    by: [
      'CommandLine',
      'Computer',
      'CurrentDirectory',
      'Image',
      'IntegrityLevel',
      'OriginalFileName',
      'ParentCommandLine',
      'ParentImage',
      'ParentProcessGuid',
      'ParentProcessId',
      'ProcessGuid',
      'ProcessId',
      'User',
    ],
  },
  file_event: {
    model: 'Endpoint.Filesystem',
    fields: {
      Computer: 'Filesystem.dest',
      Image: 'Filesystem.process_path',
      ProcessGuid: 'Filesystem.process_guid',
      ProcessId: 'Filesystem.process_id',
      TargetFilename: 'Filesystem.file_path',
      User: 'Filesystem.user',
    },
    by: ['Computer', 'Image', 'ProcessGuid', 'ProcessId', 'TargetFilename', 'User'],
  },
};

export function cimModelFor(category: string): (typeof CIM_MODELS)[string] {
  const m = category.startsWith('registry_') ? CIM_MODELS['registry'] : CIM_MODELS[category];
  if (!m) throw new DialectError(`no CIM data model for logsource category "${category}"`);
  return m;
}

export function splunkCim(category: string): Dialect {
  const m = cimModelFor(category);
  return splunkDialect('splunk-cim', (f) => {
    const mapped = m.fields[f];
    if (!mapped) throw new DialectError(`field "${f}" has no CIM ${m.model} equivalent`);
    return mapped;
  });
}

// ----------------------------------------------------------------------------------- KQL
/** KQL string literal: `\` and `"` take a backslash. */
const kqlString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => '\\' + c)}"`;
const kqlRegexLiteral = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const KQL_OP: Record<Exclude<ItemOp, 'equals'>, string> = {
  contains: 'contains',
  startswith: 'startswith',
  endswith: 'endswith',
};

function kqlCompare(f: string, op: ItemOp, v: SigmaString): string {
  // A wildcard the modifier did not add cannot be said with contains/startswith/endswith.
  if (hasInnerWildcard(v)) {
    const re = spell(withWildcards(op, v), kqlRegexLiteral, '.*', '.');
    return `${f} matches regex ${kqlString(`(?i)^${re}$`)}`;
  }
  const text = v.join('');
  if (op === 'equals' && isNumber(v)) return `${f} == ${text}`;
  return op === 'equals' ? `${f} =~ ${kqlString(text)}` : `${f} ${KQL_OP[op]} ${kqlString(text)}`;
}

function kqlDialect(name: string, field: (f: string) => string): Dialect {
  return {
    name,
    and: ' and ',
    or: ' or ',
    not: (e) => `not(${e})`,
    precedence: ['not', 'and', 'or'],
    parenthesizeAll: true,
    field,
    compare: kqlCompare,
    inList: (f, op, vs) => {
      if (op !== 'equals' || vs.some(hasInnerWildcard)) return null;
      if (vs.every(isNumber)) return `${f} in (${vs.map((v) => v.join('')).join(', ')})`;
      return `${f} in~ (${vs.map((v) => kqlString(v.join(''))).join(', ')})`;
    },
    isNull: (f) => `isnull(${f})`,
  };
}

/** Defender XDR tables (microsoft_xdr pipeline field names). */
export const XDR_TABLES: Record<string, { table: string; fields: Record<string, string> }> = {
  registry: {
    table: 'DeviceRegistryEvents',
    fields: {
      RegistryKey: 'RegistryKey',
      RegistryValueName: 'RegistryValueName',
      TargetObject: 'RegistryKey',
      Details: 'RegistryValueData',
      Image: 'InitiatingProcessFolderPath',
      EventType: 'ActionType',
      Computer: 'DeviceName',
      ProcessId: 'InitiatingProcessId',
    },
  },
  process_creation: {
    table: 'DeviceProcessEvents',
    fields: {
      Image: 'FolderPath',
      CommandLine: 'ProcessCommandLine',
      ParentImage: 'InitiatingProcessFolderPath',
      ParentCommandLine: 'InitiatingProcessCommandLine',
      OriginalFileName: 'ProcessVersionInfoOriginalFileName',
      Computer: 'DeviceName',
      ProcessId: 'ProcessId',
    },
  },
  file_event: {
    table: 'DeviceFileEvents',
    fields: {
      TargetFilename: 'FolderPath',
      Image: 'InitiatingProcessFolderPath',
      Computer: 'DeviceName',
    },
  },
};

export function xdrTableFor(category: string): (typeof XDR_TABLES)[string] {
  const t = category.startsWith('registry_') ? XDR_TABLES['registry'] : XDR_TABLES[category];
  if (!t) throw new DialectError(`no Defender table for logsource category "${category}"`);
  return t;
}

export function kqlXdr(category: string): Dialect {
  const t = xdrTableFor(category);
  return kqlDialect('kql', (f) => {
    const mapped = t.fields[f];
    if (!mapped) throw new DialectError(`field "${f}" has no ${t.table} equivalent`);
    return mapped;
  });
}

/** Sysmon in Sentinel through Microsoft's `Sysmon` parser function: native field names. */
export const KQL_SYSMON = kqlDialect('kql-sysmon', (f) => f);

// ----------------------------------------------------------------------------------- Elastic
/** ecs_windows pipeline: ECS names, every unmapped field under winlog.event_data. */
export function ecsField(category: string): (f: string) => string {
  const common: Record<string, string> = {
    EventID: 'event.code',
    Channel: 'winlog.channel',
    Provider_Name: 'winlog.provider_name',
    TargetObject: 'registry.path',
    Image: 'process.executable',
    ProcessGuid: 'process.entity_id',
    ProcessId: 'process.pid',
    User: 'user.name',
    TargetFilename: 'file.path',
  };
  const process: Record<string, string> = {
    CommandLine: 'process.command_line',
    ParentImage: 'process.parent.executable',
    ParentCommandLine: 'process.parent.command_line',
    ParentProcessGuid: 'process.parent.entity_id',
    ParentProcessId: 'process.parent.pid',
    OriginalFileName: 'process.pe.original_file_name',
    CurrentDirectory: 'process.working_directory',
  };
  return (f) =>
    (category === 'process_creation' ? process[f] : undefined) ??
    common[f] ??
    `winlog.event_data.${f}`;
}

/** EQL string: `\`, `"` and control characters escaped; `*` and `?` are EQL's own wildcards. */
const eqlString = (v: SigmaString): string =>
  `"${spell(
    v,
    (s) =>
      s.replace(/[\\"\n\r\t]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? '\\' + c),
    '*',
    '?',
  )}"`;

export function eql(category: string): Dialect {
  return {
    name: 'eql',
    and: ' and ',
    or: ' or ',
    not: (e) => `not ${e}`,
    precedence: ['not', 'and', 'or'],
    parenthesizeAll: true,
    field: ecsField(category),
    compare: (f, op, v) => `${f}:${eqlString(withWildcards(op, v))}`,
    inList: (f, op, vs) =>
      `${f} like~ (${vs.map((v) => eqlString(withWildcards(op, v))).join(', ')})`,
    isNull: (f) => `(?${f} == null)`,
  };
}

/** ES|QL string literal: `\` and `"` escaped. */
const esqlString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => '\\' + c)}"`;

/**
 * ES|QL LIKE pattern literal. In a LIKE pattern the backslash is the escape character, so a
 * literal `\` must be `\\` in the pattern, i.e. `\\\\` inside the double-quoted string, and a
 * literal `*`/`?` is `\*`/`\?` (elastic/elasticsearch PR #101120, docs PR #144889). pySigma writes
 * `"*\\Run\\*"`, which ES|QL reads as the pattern `*\Run\*`: an escaped star, not a wildcard.
 */
const esqlLike = (v: SigmaString): string =>
  `"${spell(
    v,
    (s) => s.replace(/[\\*?]/g, (c) => '\\' + c).replace(/[\\"]/g, (c) => '\\' + c),
    '*',
    '?',
  )}"`;

/** Fields whose values have one spelling (framing terms): never lower-cased. */
const EXACT_FIELDS = new Set(['winlog.channel', 'event.code']);

/**
 * ES|QL compares strings case-sensitively (`==`, `like`, `starts_with`; pySigma-backend-
 * elasticsearch #107), while Sigma is case-insensitive. With `caseInsensitive` (the default for
 * generated rules) each string test is written on `TO_LOWER(field)` with a lower-cased value.
 * `caseInsensitive: false` gives pySigma's shape (used by the golden tests).
 */
export function esql(category: string, caseInsensitive = true): Dialect {
  const lower = (f: string): boolean => caseInsensitive && !EXACT_FIELDS.has(f);
  const fx = (f: string): string => (lower(f) ? `TO_LOWER(${f})` : f);
  const vx = (f: string, v: SigmaString): SigmaString =>
    lower(f) ? v.map((p) => (typeof p === 'string' ? p.toLowerCase() : p)) : v;
  return {
    name: 'esql',
    and: ' and ',
    or: ' or ',
    not: (e) => `not ${e}`,
    precedence: ['not', 'and', 'or'],
    parenthesizeAll: false,
    field: ecsField(category),
    compare: (f, op, value) => {
      const v = vx(f, value);
      if (!hasInnerWildcard(v)) {
        const text = v.join('');
        if (op === 'equals') return `${fx(f)}==${esqlString(text)}`;
        if (op === 'startswith') return `starts_with(${fx(f)}, ${esqlString(text)})`;
        if (op === 'endswith') return `ends_with(${fx(f)}, ${esqlString(text)})`;
      }
      return `${fx(f)} like ${esqlLike(withWildcards(op, v))}`;
    },
    inList: (f, op, vs) =>
      op === 'equals' && !vs.some(hasInnerWildcard)
        ? `${fx(f)} in (${vs.map((v) => esqlString(vx(f, v).join(''))).join(', ')})`
        : null,
    isNull: (f) => `${f} is null`,
  };
}

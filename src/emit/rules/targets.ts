/**
 * Renders a rule tree for each target: the dialect plus the frame around the condition (the
 * log-source terms pySigma's pipelines add, the table or command the query starts with).
 */
import { findLogsource, logsourceTable } from '../../sigma/logsource.js';
import { literal } from '../../sigma/sigma-string.js';
import { conditionTree } from './condition-tree.js';
import { renderNode, DialectError, type Dialect } from './dialect.js';
import {
  cimModelFor,
  eql,
  esql,
  KQL_SYSMON,
  kqlXdr,
  SPLUNK,
  splunkCim,
  xdrTableFor,
} from './dialects.js';
import { renderSigmaYaml } from './sigma-yaml.js';
import type { FieldItem, Node, RuleTree } from './tree.js';

export const TARGETS = [
  'sigma',
  'splunk',
  'splunk-cim',
  'kql',
  'kql-sysmon',
  'eql',
  'esql',
] as const;
export type Target = (typeof TARGETS)[number];

export interface RenderOptions {
  /** Splunk `source` of Sysmon events (`XmlWinEventLog:...` with the XML add-on setup). */
  splunkSource?: string;
  /** ES|QL: compare lower-cased (Sigma semantics; default true). False = pySigma's shape. */
  esqlCaseInsensitive?: boolean;
}

const item = (i: FieldItem): Node => ({ kind: 'item', item: i });
const equals = (field: string, values: string[]): Node =>
  item({ field, op: 'equals', all: false, values: values.map(literal) });

/** Channel and EventIDs of the rule's logsource (first variant of data/sigma-logsources.yaml). */
function logsourceTerms(rule: RuleTree): { channel: string; eventIds: number[] } {
  const entry = findLogsource(rule.logsource, logsourceTable());
  const v = entry?.variants[0];
  if (!v || v.channels.length === 0) {
    throw new DialectError(`logsource ${rule.logsource.category} is not mapped to a channel`);
  }
  return { channel: v.channels[0]!, eventIds: v.eventIds ?? [] };
}

/** `channel AND (EventID AND (rule))`, the shape pySigma's pipelines produce. */
function framed(rule: RuleTree, channelField: string, channelValue: string): Node {
  const { eventIds } = logsourceTerms(rule);
  const body = conditionTree(rule);
  const withId: Node =
    eventIds.length > 0
      ? { kind: 'and', args: [equals('EventID', eventIds.map(String)), body] }
      : body;
  return { kind: 'and', args: [equals(channelField, [channelValue]), withId] };
}

/**
 * Defender's `RegistryKey` is the key without the value name, which is in `RegistryValueName`
 * (reference §10.6): a Sysmon-style `TargetObject` test on `\Run\` or `\Run\<name>` would never
 * match. Generated items say which form their values have; those are split. Items without the
 * hint (converted SigmaHQ rules) keep pySigma's plain mapping.
 */
function splitRegistryPaths(n: Node): Node {
  switch (n.kind) {
    case 'and':
    case 'or':
      return { kind: n.kind, args: n.args.map(splitRegistryPaths) };
    case 'not':
      return { kind: 'not', arg: splitRegistryPaths(n.arg) };
    case 'item':
      return splitItem(n);
  }
}

/**
 * CIM: `Registry.registry_key_name` is the key, `Registry.registry_path` the full path with the
 * value name (Splunk's own security_content searches use `registry_path`; reference §10.6).
 * Generated TargetObject tests are full paths, so they go to `registry_path`; converted SigmaHQ
 * rules keep pySigma's `registry_key_name`.
 */
function cimRegistryPaths(n: Node): Node {
  switch (n.kind) {
    case 'and':
    case 'or':
      return { kind: n.kind, args: n.args.map(cimRegistryPaths) };
    case 'not':
      return { kind: 'not', arg: cimRegistryPaths(n.arg) };
    case 'item':
      return n.item.op !== 'null' && n.item.field === 'TargetObject' && n.item.registryPath
        ? { kind: 'item', item: { ...n.item, field: 'RegistryPath' } }
        : n;
  }
}

/** `CurrentControlSet` is logged by Defender as the real `ControlSet00n`: match what follows it. */
const keyTail = (key: string): string => key.replace(/^\\CurrentControlSet(?=\\)/i, '');

function splitItem(n: Extract<Node, { kind: 'item' }>): Node {
  const it = n.item;
  if (it.op === 'null' || it.field !== 'TargetObject' || !it.registryPath || it.all) return n;
  const form = it.registryPath;
  const alts: Node[] = it.values.map((v) => {
    const text = v.map((p) => (typeof p === 'string' ? p : '')).join('');
    if (form === 'key' || text.endsWith('\\')) {
      const key = keyTail(text.replace(/\\$/, ''));
      return item({ field: 'RegistryKey', op: 'endswith', all: false, values: [literal(key)] });
    }
    const cut = text.lastIndexOf('\\');
    const key = keyTail(text.slice(0, cut));
    const name = text.slice(cut + 1);
    return {
      kind: 'and',
      args: [
        item({ field: 'RegistryKey', op: 'endswith', all: false, values: [literal(key)] }),
        item({ field: 'RegistryValueName', op: 'equals', all: false, values: [literal(name)] }),
      ],
    };
  });
  return alts.length === 1 ? alts[0]! : { kind: 'or', args: alts };
}

export function renderTarget(rule: RuleTree, target: Target, opts: RenderOptions = {}): string {
  const category = rule.logsource.category;
  switch (target) {
    case 'sigma':
      return renderSigmaYaml(rule);
    case 'splunk': {
      const { channel } = logsourceTerms(rule);
      const source = opts.splunkSource ?? `WinEventLog:${channel}`;
      return renderNode(SPLUNK, framed(rule, 'source', source));
    }
    case 'splunk-cim': {
      const m = cimModelFor(category);
      const d = splunkCim(category);
      const short = m.model.split('.')[1]!;
      const by = m.by.map((f) => d.field(f)).join(' ');
      return (
        `| tstats summariesonly=false allow_old_summaries=true fillnull_value="null" count ` +
        `min(_time) as firstTime max(_time) as lastTime from datamodel=${m.model} ` +
        `where ${renderNode(d, cimRegistryPaths(conditionTree(rule)))} by ${by} | \`drop_dm_object_name(${short})\` ` +
        `| convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) ` +
        `| convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(lastTime) `
      );
    }
    case 'kql':
      return `${xdrTableFor(category).table}\n| where ${renderNode(kqlXdr(category), splitRegistryPaths(conditionTree(rule)))}`;
    case 'kql-sysmon': {
      const { eventIds } = logsourceTerms(rule);
      const body = conditionTree(rule);
      const n: Node =
        eventIds.length > 0
          ? { kind: 'and', args: [equals('EventID', eventIds.map(String)), body] }
          : body;
      return `Sysmon\n| where ${renderNode(KQL_SYSMON, n)}`;
    }
    case 'eql': {
      const { channel } = logsourceTerms(rule);
      return `any where ${renderNode(eql(category), framed(rule, 'Channel', channel))}`;
    }
    case 'esql': {
      const { channel } = logsourceTerms(rule);
      return `from * metadata _id, _index, _version | where ${renderNode(esql(category, opts.esqlCaseInsensitive ?? true), framed(rule, 'Channel', channel))}`;
    }
  }
}

export type { Dialect };

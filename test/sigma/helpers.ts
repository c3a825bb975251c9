/** Test helpers: compile Sigma YAML text and match hand-built events. */
import { emptyData, type RawEvent } from '../../src/model/events.js';
import { compileDocs, type CompileOptions, type SigmaRuleSet } from '../../src/sigma/compile.js';
import { parseRuleText } from '../../src/sigma/loader.js';
import type { LogsourceEntry } from '../../src/sigma/logsource.js';
import { matchEvent } from '../../src/sigma/match.js';
import type { RuleFailure } from '../../src/sigma/types.js';

/** A logsource `product: test` that applies to every event, for semantics tests. */
export const TEST_LOGSOURCES: LogsourceEntry[] = [
  { product: 'test', variants: [{ channels: [] }] },
];

export function compileYaml(
  text: string,
  opts: CompileOptions = {},
): { set: SigmaRuleSet; failed: RuleFailure[] } {
  const failed: RuleFailure[] = [];
  const docs = parseRuleText(text, 'test.yml', failed);
  const r = compileDocs(docs, failed, 1, { logsources: TEST_LOGSOURCES, ...opts });
  return { set: r.rules, failed: r.failed };
}

/** Wraps a detection block (YAML, indented by 4) into a whole rule. */
export function ruleWithDetection(
  detection: string,
  id = '00000000-0000-4000-8000-000000000001',
): string {
  return `title: test rule\nid: ${id}\nlogsource:\n    product: test\ndetection:\n${detection}\nlevel: high\n`;
}

export function event(data: Record<string, string>, sys: Partial<RawEvent> = {}): RawEvent {
  const d = emptyData();
  Object.assign(d, data);
  return {
    source: 'test',
    recordId: 1,
    timeCreated: '2024-01-01T00:00:00.000Z',
    eventId: 13,
    provider: 'Microsoft-Windows-Sysmon',
    channel: 'Microsoft-Windows-Sysmon/Operational',
    computer: 'host1',
    ...sys,
    data: d,
  };
}

/** Compiles one detection and returns a predicate over event data; throws when it fails to load. */
export function detector(
  detection: string,
  opts: CompileOptions = {},
): (data: Record<string, string>, sys?: Partial<RawEvent>) => boolean {
  const { set, failed } = compileYaml(ruleWithDetection(detection), opts);
  if (failed.length > 0) throw new Error(failed.map((f) => f.reason).join('; '));
  return (data, sys) => matchEvent(set, event(data, sys)).length > 0;
}

/** The failure reason for a detection that must not load. */
export function loadFailure(detection: string, opts: CompileOptions = {}): string {
  const { failed } = compileYaml(ruleWithDetection(detection), opts);
  return failed.map((f) => f.reason).join('; ');
}

/**
 * Resource-exhaustion inputs for the rule engine and the command-line parser, run by guarded.ts
 * in a worker. Each task returns ok when the input was handled (loaded, rejected with a reported
 * failure, or matched) without an exception escaping.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseCommand } from '../../src/detect/value/parse-command.js';
import { emptyData, type RawEvent } from '../../src/model/events.js';
import { compileDocs } from '../../src/sigma/compile.js';
import { parseRuleText } from '../../src/sigma/loader.js';
import { matchEvent } from '../../src/sigma/match.js';
import type { RuleFailure } from '../../src/sigma/types.js';
import type { TaskResult } from './guarded.js';

const LOGSOURCES = [{ product: 'test', variants: [{ channels: [] }] }];

function compile(text: string): {
  rules: number;
  failed: RuleFailure[];
  match: (e: RawEvent) => number;
} {
  const failed: RuleFailure[] = [];
  const docs = parseRuleText(text, 'heavy.yml', failed);
  const r = compileDocs(docs, failed, 1, { logsources: LOGSOURCES });
  return {
    rules: r.rules.rules.length,
    failed: r.failed,
    match: (e) => matchEvent(r.rules, e).length,
  };
}

function event(data: Record<string, string>): RawEvent {
  const d = emptyData();
  Object.assign(d, data);
  return {
    source: 'heavy',
    recordId: 1,
    timeCreated: '2024-01-01T00:00:00.000Z',
    eventId: 13,
    provider: 'Microsoft-Windows-Sysmon',
    channel: 'Microsoft-Windows-Sysmon/Operational',
    computer: 'pc',
    data: d,
  };
}

function rule(detection: string): string {
  return `title: heavy\nid: 00000000-0000-4000-8000-000000000009\nlogsource:\n    product: test\ndetection:\n${detection}\nlevel: high\n`;
}

const word = (i: number): string => `kw${i.toString(36)}x${((i * 2654435761) >>> 0).toString(36)}`;

const TASKS: Record<string, () => TaskResult> = {
  hugeKeywordList() {
    const n = 10_000;
    const list = Array.from({ length: n }, (_, i) => `        - '${word(i)}'`).join('\n');
    const c = compile(
      rule(
        `    keywords:\n${list}\n    sel:\n        TargetObject|contains:\n${list}\n    condition: keywords or sel`,
      ),
    );
    let hits = 0;
    const big = 'y'.repeat(4096);
    for (let i = 0; i < 20; i++)
      hits += c.match(event({ TargetObject: big + (i === 7 ? word(9_999) : ''), Details: big }));
    return {
      ok: c.rules === 1 && hits === 1,
      detail: `rules ${c.rules}, failed ${c.failed.length}, hits ${hits}`,
    };
  },
  regexAdversarial() {
    const pats = ['(a|a)*$', '(a|aa)+$', '.*.*.*=.*.*x', '^.*a.*a.*a.*a.*b$', '(?i)(x|x)*y$'];
    const c = compile(
      rule(
        `    sel:\n        TargetObject|re:\n${pats.map((p) => `            - '${p}'`).join('\n')}\n    condition: sel`,
      ),
    );
    let hits = 0;
    for (let i = 0; i < 50; i++) hits += c.match(event({ TargetObject: 'a'.repeat(20_000) + '!' }));
    return {
      ok: c.rules === 1,
      detail: `rules ${c.rules}, failed ${c.failed.map((f) => f.reason).join(';')}, hits ${hits}`,
    };
  },
  yamlAliasBomb() {
    let y =
      'title: bomb\nlogsource: {product: test}\nx0: &x0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++)
      y += `x${i}: &x${i} [${Array(10)
        .fill(`*x${i - 1}`)
        .join(',')}]\n`;
    y += 'detection:\n    sel:\n        A: *x9\n    condition: sel\n';
    const c = compile(y);
    return {
      ok: c.rules === 0 && c.failed.length === 1,
      detail: c.failed.map((f) => f.reason).join(';'),
    };
  },
  deepCondition() {
    const n = 50_000;
    const c = compile(
      rule(`    sel:\n        A: x\n    condition: ${'('.repeat(n)}sel${')'.repeat(n)}`),
    );
    const c2 = compile(rule(`    sel:\n        A: x\n    condition: ${'not '.repeat(n)}sel`));
    return {
      ok: c.rules + c.failed.length === 1 && c2.rules + c2.failed.length === 1,
      detail: `${c.failed.length} ${c2.failed.length}`,
    };
  },
  deepYamlNesting() {
    const n = 10_000;
    const c = compile(
      rule(`    sel:\n        A: ${'['.repeat(n)}x${']'.repeat(n)}\n    condition: sel`),
    );
    return { ok: c.rules + c.failed.length === 1, detail: `failed ${c.failed.length}` };
  },
  hugeCommandLines() {
    const inputs = [
      '"'.repeat(1_000_000),
      '^'.repeat(1_000_000),
      'cmd /c '.repeat(100_000) + 'x.exe',
      'powershell -enc ' + 'QQBBAEEAQQ'.repeat(200_000),
      'rundll32 ' + ','.repeat(500_000),
      'C:\\' + 'a\\'.repeat(300_000) + 'x.exe',
      '%' + 'APPDATA%'.repeat(200_000),
    ];
    let n = 0;
    for (const s of inputs) {
      parseCommand(s);
      n++;
    }
    return { ok: n === inputs.length, detail: `${n} parsed` };
  },
};

const task = (workerData as { task: string }).task;
let result: TaskResult;
try {
  const f = TASKS[task];
  result = f === undefined ? { ok: false, detail: `no task ${task}` } : f();
} catch (err) {
  result = { ok: false, detail: `threw: ${err instanceof Error ? err.message : String(err)}` };
}
parentPort!.postMessage(result);

export const TASK_NAMES = Object.keys(TASKS);

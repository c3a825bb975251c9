/**
 * Engine behaviour beyond single-rule semantics: logsource mapping, rule collections, global
 * filters (sigma-filters-specification.md), correlations (sigma-correlation-rules-specification.md),
 * evidence and failure reporting.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileDocs } from '../../src/sigma/compile.js';
import { parseRuleText } from '../../src/sigma/loader.js';
import { matchEvent, SigmaSession } from '../../src/sigma/match.js';
import type { RuleFailure } from '../../src/sigma/types.js';
import { compileYaml, event } from './helpers.js';

/** Compiles with the shipped data/sigma-logsources.yaml. */
function compileShipped(text: string) {
  const failed: RuleFailure[] = [];
  const docs = parseRuleText(text, 'rules.yml', failed);
  const r = compileDocs(docs, failed, 1);
  return { set: r.rules, failed: r.failed };
}

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

describe('logsource mapping (data/sigma-logsources.yaml)', () => {
  const rule = (category: string) => `title: t
id: 00000000-0000-4000-8000-0000000000aa
logsource:
    product: windows
    category: ${category}
detection:
    selection:
        TargetObject|contains: '\\Run\\'
    condition: selection
`;
  const ev = (eventId: number, eventType: string, channel = SYSMON) =>
    event(
      {
        TargetObject: 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
        EventType: eventType,
      },
      { eventId, channel },
    );

  const cases: [string, number, string, boolean][] = [
    ['registry_set', 13, 'SetValue', true],
    ['registry_set', 12, 'CreateKey', false],
    ['registry_event', 12, 'CreateKey', true],
    ['registry_event', 14, 'RenameKey', true],
    ['registry_add', 12, 'CreateKey', true],
    ['registry_add', 12, 'DeleteKey', false],
    ['registry_delete', 12, 'DeleteKey', true],
    ['registry_delete', 12, 'DeleteValue', true],
    ['registry_delete', 12, 'CreateKey', false],
    ['registry_rename', 14, 'RenameKey', true],
    ['process_creation', 13, 'SetValue', false],
  ];
  for (const [category, eid, type, expected] of cases) {
    test(`${category} vs EID ${eid} ${type}: ${expected}`, () => {
      const { set, failed } = compileShipped(rule(category));
      assert.deepEqual(failed, []);
      assert.equal(matchEvent(set, ev(eid, type)).length > 0, expected);
    });
  }

  test('the channel must be Sysmon (an EID 13 of another log does not match)', () => {
    const { set } = compileShipped(rule('registry_set'));
    assert.equal(matchEvent(set, ev(13, 'SetValue', 'Security')).length, 0);
    // Without a channel (some exports), the provider decides.
    assert.equal(matchEvent(set, ev(13, 'SetValue', '')).length, 1);
  });

  test('process_creation also reads Security 4688 with Image -> NewProcessName', () => {
    const { set } = compileShipped(`title: t
logsource: {product: windows, category: process_creation}
detection:
    selection:
        Image|endswith: '\\reg.exe'
    condition: selection
`);
    const sysmon = event({ Image: 'C:\\Windows\\reg.exe' }, { eventId: 1 });
    const security = event(
      { NewProcessName: 'C:\\Windows\\reg.exe' },
      { eventId: 4688, channel: 'Security', provider: 'Microsoft-Windows-Security-Auditing' },
    );
    assert.equal(matchEvent(set, sysmon).length, 1);
    assert.equal(matchEvent(set, security).length, 1);
  });

  test('an unmapped logsource is reported, not skipped', () => {
    const { failed } = compileShipped(`title: linux rule
logsource: {product: linux, category: process_creation}
detection:
    selection: {Image: x}
    condition: selection
`);
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.reason, /logsource not mapped.*product: linux/);
    assert.equal(failed[0]!.rule, 'linux rule');
  });
});

describe('loading', () => {
  test('multi-document files and rule collections (action: global / reset / repeat)', () => {
    const { set, failed } = compileYaml(`action: global
title: shared title
logsource: {product: test}
level: high
---
id: 00000000-0000-4000-8000-000000000001
detection:
    selection: {A: '1'}
    condition: selection
---
action: repeat
id: 00000000-0000-4000-8000-000000000002
detection:
    selection: {A: '2'}
---
action: reset
---
title: standalone
logsource: {product: test}
detection:
    selection: {A: '3'}
    condition: selection
`);
    assert.deepEqual(failed, []);
    assert.deepEqual(
      set.rules.map((r) => [r.info.id, r.info.title, r.info.level]),
      [
        ['00000000-0000-4000-8000-000000000001', 'shared title', 'high'],
        ['00000000-0000-4000-8000-000000000002', 'shared title', 'high'],
        ['', 'standalone', ''],
      ],
    );
    const ids = (a: string) =>
      matchEvent(set, event({ A: a })).map((m) => m.rule.title + m.rule.id.slice(-1));
    assert.deepEqual(ids('2'), ['shared title2']);
    assert.deepEqual(ids('3'), ['standalone']);
  });

  test('schema violations and YAML errors are reported per document', () => {
    const { set, failed } = compileYaml(`title: no detection
logsource: {product: test}
---
title: ok
logsource: {product: test}
detection: {selection: {A: x}, condition: selection}
---
title: [unclosed
`);
    assert.equal(set.rules.length, 1);
    assert.equal(failed.length, 2);
    const yamlErr = failed.find((f) => /YAML error/.test(f.reason));
    const notRule = failed.find((f) => /not a Sigma rule/.test(f.reason));
    assert.equal(yamlErr?.document, 2);
    assert.equal(notRule?.rule, 'no detection');
  });

  test('a bad date is a schema failure with the path', () => {
    const { failed } = compileYaml(`title: old
date: 2019/01/01
logsource: {product: test}
detection: {selection: {A: x}, condition: selection}
`);
    assert.match(failed[0]!.reason, /schema: \/date must match pattern/);
  });
});

describe('evidence', () => {
  test('names the true identifiers and the values of the fields they test', () => {
    const { set } = compileYaml(`title: t
logsource: {product: test}
detection:
    selection_key:
        TargetObject|contains: '\\Run\\'
    selection_img:
        Image|endswith: '\\reg.exe'
    filter:
        Details: '(Empty)'
    condition: 1 of selection_* and not filter
`);
    const [m] = matchEvent(
      set,
      event({ TargetObject: 'HKLM\\Run\\x', Details: 'evil.exe', Image: 'C:\\cmd.exe' }),
    );
    assert.deepEqual(m?.evidence, {
      identifiers: ['selection_key'],
      fields: { TargetObject: 'HKLM\\Run\\x' },
    });
  });
});

describe('global filters (filters specification; applied as pySigma: rule AND filter)', () => {
  const base = `title: base
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
logsource: {product: test}
detection:
    selection: {Image|endswith: '\\reg.exe'}
    condition: selection
---
title: other
id: 6f3e2987-db24-4c78-a860-b4f4095a7096
logsource: {product: test}
detection:
    selection: {Image|endswith: '\\reg.exe'}
    condition: selection
---
title: Filter admin accounts
logsource: {product: test}
filter:
    rules:
        - 6f3e2987-db24-4c78-a860-b4f4095a7095
    selection:
        User|startswith: 'adm_'
    condition: not selection
`;
  test('excludes matching events from the listed rules only', () => {
    const { set, failed } = compileYaml(base);
    assert.deepEqual(failed, []);
    assert.equal(set.filters, 1);
    const titles = (user: string) =>
      matchEvent(set, event({ Image: 'C:\\reg.exe', User: user })).map((m) => m.rule.title);
    assert.deepEqual(titles('adm_bob'), ['other']);
    assert.deepEqual(titles('bob'), ['base', 'other']);
  });
});

describe('correlations', () => {
  const rules = `title: reg add
id: 00000000-0000-4000-8000-0000000000a1
name: reg_add
logsource: {product: test}
detection:
    selection: {CommandLine|contains: 'reg add'}
    condition: selection
---
title: run key set
id: 00000000-0000-4000-8000-0000000000a2
name: run_set
logsource: {product: test}
detection:
    selection: {TargetObject|contains: '\\Run\\'}
    condition: selection
---
`;
  const at = (sec: number, data: Record<string, string>, computer = 'h1') =>
    event(data, {
      timeCreated: new Date(Date.UTC(2024, 0, 1, 0, 0, sec)).toISOString(),
      computer,
      recordId: sec,
    });

  function run(corr: string, events: ReturnType<typeof at>[]) {
    const { set, failed } = compileYaml(rules + corr);
    assert.deepEqual(failed, []);
    const s = new SigmaSession(set);
    const standalone = events.flatMap((e) => s.feed(e));
    return { standalone, corr: s.finish() };
  }

  test('event_count with group-by and timespan', () => {
    const corr = `title: many reg adds
correlation:
    type: event_count
    rules: [reg_add]
    group-by: [Computer]
    timespan: 10s
    condition: {gte: 3}
`;
    const add = { CommandLine: 'reg add x' };
    const { standalone, corr: out } = run(corr, [
      at(0, add),
      at(2, add),
      at(5, add, 'h2'),
      at(9, add), // h1: 0,2,9 within 10s
      at(30, add),
      at(45, add),
      at(50, add), // h1: 30,45,50 spans 20s
    ]);
    assert.equal(
      standalone.length,
      0,
      'rules used by a correlation are not reported alone (generate: false)',
    );
    assert.equal(out.length, 1);
    assert.deepEqual(out[0]!.group, { Computer: 'h1' });
    assert.equal(out[0]!.value, 3);
    assert.deepEqual(
      out[0]!.events.map((m) => m.event.recordId),
      [0, 2, 9],
    );
  });

  test('value_count counts distinct values', () => {
    const corr = `title: many keys
correlation:
    type: value_count
    rules: [run_set]
    group-by: [Computer]
    timespan: 1m
    condition: {field: TargetObject, gte: 2}
generate: true
`;
    const { standalone, corr: out } = run(corr, [
      at(0, { TargetObject: 'HKLM\\Run\\a' }),
      at(1, { TargetObject: 'HKLM\\Run\\a' }),
      at(2, { TargetObject: 'HKLM\\Run\\b' }),
    ]);
    assert.equal(standalone.length, 3, 'generate: true keeps the base rule');
    assert.equal(out.length, 1);
    assert.equal(out[0]!.value, 2);
  });

  test('temporal: all rules within the timespan, in any order', () => {
    const corr = `title: add then set
correlation:
    type: temporal
    rules: [reg_add, run_set]
    group-by: [Computer]
    timespan: 5s
`;
    const hit = run(corr, [
      at(0, { TargetObject: 'HKLM\\Run\\a' }),
      at(3, { CommandLine: 'reg add' }),
    ]);
    assert.equal(hit.corr.length, 1);
    const miss = run(corr, [
      at(0, { TargetObject: 'HKLM\\Run\\a' }),
      at(9, { CommandLine: 'reg add' }),
    ]);
    assert.equal(miss.corr.length, 0);
  });

  test('temporal_ordered: the rules in the listed order', () => {
    const corr = `title: add then set, ordered
correlation:
    type: temporal_ordered
    rules: [reg_add, run_set]
    group-by: [Computer]
    timespan: 5s
`;
    const inOrder = run(corr, [
      at(0, { CommandLine: 'reg add' }),
      at(3, { TargetObject: 'HKLM\\Run\\a' }),
    ]);
    assert.equal(inOrder.corr.length, 1);
    const reversed = run(corr, [
      at(0, { TargetObject: 'HKLM\\Run\\a' }),
      at(3, { CommandLine: 'reg add' }),
    ]);
    assert.equal(reversed.corr.length, 0);
  });

  test('aliases map a group-by name to per-rule fields', () => {
    const corr = `title: same user
correlation:
    type: temporal
    rules: [reg_add, run_set]
    group-by: [actor]
    timespan: 5s
    aliases:
        actor:
            reg_add: ParentUser
            run_set: User
`;
    const out = run(corr, [
      at(0, { CommandLine: 'reg add', ParentUser: 'bob' }),
      at(1, { TargetObject: 'HKLM\\Run\\a', User: 'bob' }),
    ]).corr;
    assert.equal(out.length, 1);
    assert.deepEqual(out[0]!.group, { actor: 'bob' });
  });

  test('unsupported correlations are reported', () => {
    const { failed } = compileYaml(
      rules +
        `title: p
correlation:
    type: value_percentile
    rules: [reg_add]
    group-by: [Computer]
    timespan: 1h
    condition: {field: Image, lte: 1}
---
title: missing
correlation:
    type: event_count
    rules: [nope]
    group-by: [Computer]
    timespan: 1h
    condition: {gte: 1}
`,
    );
    assert.equal(failed.length, 2);
    assert.match(failed[0]!.reason, /value_percentile.*not supported/);
    assert.match(failed[1]!.reason, /"nope" is not among the loaded/);
  });
});

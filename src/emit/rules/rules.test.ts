import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ANY, literal, ONE, parseSigmaString, type Part } from '../../sigma/sigma-string.js';
import { generalKey } from './from-findings.js';
import { sigmaValueText } from './sigma-yaml.js';
import { renderTarget, type Target } from './targets.js';
import type { RuleTree } from './tree.js';

const part: fc.Arbitrary<Part> = fc.oneof(
  fc.constant<Part>(ANY),
  fc.constant<Part>(ONE),
  fc.string({
    unit: fc.constantFrom('a', '\\', '*', '?', "'", '"', ' '),
    minLength: 1,
    maxLength: 4,
  }),
);

test('Sigma value text parses back to the same value (escaping of \\ * ? and quotes)', () => {
  fc.assert(
    fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
      const norm = parseSigmaString(sigmaValueText(parts));
      // Compare after merging adjacent literals, as the parser produces them.
      const merged: Part[] = [];
      for (const p of parts) {
        const last = merged[merged.length - 1];
        if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
        else merged.push(p);
      }
      assert.deepEqual(norm, merged);
    }),
    { numRuns: 2000 },
  );
  assert.equal(sigmaValueText(literal('C:\\Windows\\x.exe')), 'C:\\Windows\\x.exe');
  assert.equal(sigmaValueText(['\\Run\\', ANY]), '\\Run\\\\*');
  assert.equal(sigmaValueText(literal('a*b')), 'a\\*b');
});

test('generalKey drops hive, user SID, SOFTWARE and Wow6432Node', () => {
  const cases: [string, string][] = [
    [
      'HKU\\S-1-5-21-1-2-3-1000\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      'Microsoft\\Windows\\CurrentVersion\\Run',
    ],
    [
      'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Run',
      'Microsoft\\Windows\\CurrentVersion\\Run',
    ],
    ['HKU\\S-1-5-21-1-2-3-1000_Classes\\CLSID\\{x}', 'CLSID\\{x}'],
    ['HKLM\\System\\ControlSet001\\Control\\Lsa', 'CurrentControlSet\\Control\\Lsa'],
    [
      '\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
      'Microsoft\\Windows\\CurrentVersion\\Run',
    ],
  ];
  for (const [input, out] of cases) assert.equal(generalKey(input), out);
});

describe('escaping per target (values with backslashes, quotes, a trailing backslash before a wildcard)', () => {
  const rule = (value: string, op: 'contains' | 'equals' = 'contains'): RuleTree => ({
    title: 't',
    id: '00000000-0000-4000-8000-000000000000',
    status: 'experimental',
    description: '',
    author: '',
    date: '2026-01-01',
    tags: [],
    logsource: { category: 'registry_set', product: 'windows' },
    selections: { selection: [{ field: 'Details', op, all: false, values: [literal(value)] }] },
    condition: 'selection',
    falsepositives: [],
    level: 'high',
  });
  const cases: [Target, string, string][] = [
    ['splunk', '\\Run\\', 'Details="*\\\\Run\\\\*"'],
    ['splunk', 'say "hi"', 'Details="*say \\"hi\\"*"'],
    ['splunk', 'a*b', 'Details="*a\\*b*"'],
    ['kql', '\\Run\\', 'RegistryValueData contains "\\\\Run\\\\"'],
    ['kql', 'say "hi"', 'RegistryValueData contains "say \\"hi\\""'],
    ['eql', '\\Run\\', 'winlog.event_data.Details:"*\\\\Run\\\\*"'],
    ['esql', '\\Run\\', 'TO_LOWER(winlog.event_data.Details) like "*\\\\\\\\run\\\\\\\\*"'],
    ['esql', 'a*b', 'TO_LOWER(winlog.event_data.Details) like "*a\\\\*b*"'],
  ];
  for (const [target, value, expected] of cases) {
    test(`${target}: ${value}`, () =>
      assert.ok(
        renderTarget(rule(value), target).includes(expected),
        renderTarget(rule(value), target),
      ));
  }
  test('sigma: a trailing backslash stays single, a literal star is escaped', () => {
    const y = renderTarget(rule('\\Run\\'), 'sigma');
    assert.match(y, /Details\|contains: '\\Run\\'\n/);
    assert.match(renderTarget(rule("it's*"), 'sigma'), /Details\|contains: 'it''s\\\*'/);
  });
});

test('Defender: generated TargetObject tests are split into RegistryKey and RegistryValueName', () => {
  const base: RuleTree = {
    title: 't',
    id: '00000000-0000-4000-8000-000000000000',
    status: 'experimental',
    description: '',
    author: '',
    date: '2026-01-01',
    tags: [],
    logsource: { category: 'registry_set', product: 'windows' },
    selections: {
      selection: [
        {
          field: 'TargetObject',
          op: 'endswith',
          all: false,
          values: [literal('\\CurrentControlSet\\Control\\Lsa\\Notification Packages')],
          registryPath: 'value',
        },
      ],
    },
    condition: 'selection',
    falsepositives: [],
    level: 'low',
  };
  assert.equal(
    renderTarget(base, 'kql'),
    'DeviceRegistryEvents\n| where RegistryKey endswith "\\\\Control\\\\Lsa" and RegistryValueName =~ "Notification Packages"',
  );
  // CIM: the full path goes to registry_path.
  assert.match(
    renderTarget(base, 'splunk-cim'),
    / where Registry\.registry_path="\*\\\\CurrentControlSet/,
  );
  // Sysmon-shaped targets keep the full path.
  assert.match(
    renderTarget(base, 'splunk'),
    /TargetObject="\*\\\\CurrentControlSet\\\\Control\\\\Lsa\\\\Notification Packages"/,
  );
});

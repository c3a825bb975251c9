import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DataFileError,
  jsonPathOf,
  loadDataFile,
  packageRoot,
  parseDataText,
} from './data-loader.js';

const SCHEMA = 'techniques.schema.json';

test('packageRoot holds data/ and schemas/data/', () => {
  assert.match(packageRoot(), /[\\/]?[^\\/]+$/);
});

test('loadDataFile validates and caches (same object on the second call)', () => {
  const a = loadDataFile<{ techniques: unknown[] }>('techniques.yaml', SCHEMA);
  assert.ok(a.techniques.length > 10);
  assert.equal(loadDataFile('techniques.yaml', SCHEMA), a);
});

test('JSON input is accepted as well as YAML', () => {
  const v = parseDataText<{ attackVersion: string }>(
    '{"attackVersion":"15","techniques":[{"id":"T1112","name":"Modify Registry","tactic":"defense-evasion","tacticId":"TA0005"}]}',
    SCHEMA,
    'inline.json',
  );
  assert.equal(v.attackVersion, '15');
});

// Each broken document must name the file, the JSON path of the bad node and its line.
const broken: {
  name: string;
  text: string;
  path: string;
  line: number | undefined;
  reason: RegExp;
}[] = [
  {
    name: 'bad pattern deep in an array',
    text: "attackVersion: '15'\ntechniques:\n  - { id: T1112, name: Modify Registry, tactic: defense-evasion, tacticId: TA0005 }\n  - id: T15470001\n    name: x\n    tactic: persistence\n    tacticId: TA0003\n",
    path: '$.techniques[1].id',
    line: 4,
    reason: /must match pattern/,
  },
  {
    name: 'missing required property',
    text: "attackVersion: '15'\ntechniques:\n  - id: T1112\n    name: Modify Registry\n    tactic: defense-evasion\n",
    path: '$.techniques[0]',
    line: 3,
    reason: /missing required property "tacticId"/,
  },
  {
    name: 'unknown property (typo)',
    text: "attackVersion: '15'\ntechniques:\n  - { id: T1112, name: M, tactic: defense-evasion, tacticId: TA0005, tatcic: x }\n",
    path: '$.techniques[0].tatcic',
    line: 3,
    reason: /unknown property/,
  },
  {
    name: 'YAML syntax error',
    text: "attackVersion: '15'\ntechniques: [\n  { id: T1112\n",
    path: '$',
    line: undefined,
    reason: /not valid YAML/,
  },
  {
    name: 'duplicate key',
    text: "attackVersion: '15'\nattackVersion: '16'\ntechniques: []\n",
    path: '$',
    line: 2,
    reason: /not valid YAML/,
  },
];

for (const c of broken) {
  test(`broken data file gives a DataFileError: ${c.name}`, () => {
    assert.throws(
      () => parseDataText(c.text, SCHEMA, 'data/broken.yaml'),
      (e: unknown) => {
        assert.ok(e instanceof DataFileError);
        assert.equal(e.file, 'data/broken.yaml');
        assert.equal(e.jsonPath, c.path);
        if (c.line !== undefined) assert.equal(e.line, c.line);
        assert.match(e.reason, c.reason);
        assert.ok(e.message.startsWith('data/broken.yaml'));
        assert.ok(e.message.includes(c.path));
        return true;
      },
    );
  });
}

test('missing data file and missing schema are DataFileErrors naming the file', () => {
  assert.throws(
    () => loadDataFile('no-such-file.yaml', SCHEMA),
    (e: unknown) => e instanceof DataFileError && /no-such-file\.yaml/.test(e.message),
  );
  assert.throws(
    () => loadDataFile('techniques.yaml', 'no-such.schema.json'),
    (e: unknown) => e instanceof DataFileError && /no-such\.schema\.json/.test(e.message),
  );
});

test('jsonPathOf quotes keys that are not identifiers', () => {
  assert.equal(jsonPathOf(['a', 0, 'b c', 'd-e']), '$.a[0]["b c"].d-e');
});

// Every shipped data file validates against its schema: `<name>.schema.json` by default, or the
// shared format it declares (known-good.yaml is a baseline file).
const SCHEMA_OF: Readonly<Record<string, string>> = { 'known-good.yaml': 'baseline.schema.json' };

test('every shipped data file validates against its schema', () => {
  const root = packageRoot();
  const files = readdirSync(join(root, 'data')).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 5);
  for (const f of files) {
    const schema = SCHEMA_OF[f] ?? f.replace(/\.ya?ml$/, '.schema.json');
    assert.ok(existsSync(join(root, 'schemas', 'data', schema)), `${f}: no schema ${schema}`);
    assert.doesNotThrow(() => loadDataFile(f, schema), `${f} against ${schema}`);
  }
});

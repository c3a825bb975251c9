import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { hunt } from '../../src/hunt.js';
import type { Report } from '../../src/model/finding.js';

const root = resolve(import.meta.dirname, '..', '..');
const samples = join(root, 'test', 'samples', 'hunt');
const goldens = join(root, 'test', 'golden', 'hunt');
const update = process.env['UPDATE_GOLDEN'] === '1';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(
  JSON.parse(readFileSync(join(root, 'schemas', 'report.schema.json'), 'utf8')),
);

/** The report with what changes from run to run (version, clock) pinned. */
function stable(r: Report): Report {
  return { ...r, tool: { ...r.tool, version: 'X' }, generatedAt: '1970-01-01T00:00:00Z' };
}

function run(file: string): Report {
  // Relative paths keep the goldens independent of where the repo is checked out.
  const rel = relative(process.cwd(), join(samples, file));
  return stable(hunt([rel], { generatedAt: '1970-01-01T00:00:00Z' }));
}

const files = readdirSync(samples).filter((f) => f.endsWith('.evtx'));

for (const file of files) {
  test(`golden report: ${file}`, () => {
    const report = run(file);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    const golden = join(goldens, file.replace(/\.evtx$/, '.json'));
    const text = JSON.stringify(report, null, 2) + '\n';
    if (update || !existsSync(golden)) {
      mkdirSync(goldens, { recursive: true });
      writeFileSync(golden, text);
    }
    assert.equal(
      text,
      readFileSync(golden, 'utf8'),
      `${golden} differs (UPDATE_GOLDEN=1 rewrites it; review the diff)`,
    );
  });
}

test('the report schema rejects a report missing required finding fields', () => {
  const report = run('run-key-hidden-value-name.evtx');
  const broken = structuredClone(report) as unknown as { findings: Record<string, unknown>[] };
  const first = broken.findings[0];
  assert.ok(first, 'the sample yields a finding');
  delete first['severity'];
  assert.equal(validate(broken), false);
});

/**
 * The same allowlist in runhunt and in the SIEM: the hand-written autorunsc fixture given to the
 * hunt as --baseline, and exported as Sigma global filters that silence SigmaHQ's Run-key rules
 * (run by runhunt's own Sigma engine; filters validated against the Sigma filters schema).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { huntEvents } from '../../src/hunt.js';
import { readBaselineFile } from '../../src/detect/baseline/baseline.js';
import { baselineToSigmaFilters } from '../../src/emit/allowlist-sigma.js';
import { sysmonSetValue } from '../../src/fleet/sysmon-event.js';
import { compileRules, matchEvent } from '../../src/sigma/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = join(root, 'test', 'samples', 'fleet', 'autorunsc-clean.csv');
const shared = resolve(root, '..', 'shared', 'sigma');

const HKLM_RUN = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run';
const HKLM_RUN32 = 'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Run';
const HKU_RUN = 'HKU\\S-1-5-21-1-2-3-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const events = [
  // value path, data as Sysmon logs it, expected baseline status
  [`${HKLM_RUN}\\AcmeAgent`, '"C:\\Program Files\\Acme\\agent.exe" --tray', 'known'],
  [
    `${HKLM_RUN32}\\VendorUpdater`,
    '"C:\\Program Files (x86)\\Vendor\\upd.exe" /background',
    'known',
  ],
  [
    `${HKU_RUN}\\OneDrive`,
    '"C:\\Users\\bob\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
    'known',
  ],
  [`${HKLM_RUN}\\AcmeAgent`, 'C:\\Users\\Public\\agent.exe --tray', 'changed'],
  [`${HKLM_RUN}\\Updater`, 'C:\\ProgramData\\upd\\upd.exe', 'new'],
] as const;
const raw = events.map(([target, details], i) =>
  sysmonSetValue({
    computer: 'WKS-042',
    targetObject: target,
    details,
    image: 'C:\\Windows\\explorer.exe',
    recordId: i + 1,
    time: `2024-05-01T10:00:0${i}.000Z`,
  }),
);

test('hunt --baseline autorunsc CSV: known, changed and new by content', () => {
  const r = huntEvents(raw, { baselineFiles: [fixture], generatedAt: '2024-06-01T00:00:00Z' });
  const got = r.findings.map((f) => [f.registry?.valueName, f.baseline.status]);
  assert.deepEqual(
    got,
    events.map(([t, , s]) => [t.slice(t.lastIndexOf('\\') + 1), s]),
  );
  assert.match(r.findings[0]?.baseline.match ?? '', /^autorunsc-clean:autoruns-\d+$/);
});

test('exported Sigma filters are schema-valid and silence SigmaHQ Run-key rules for known entries only', (t) => {
  const rulesDir = join(shared, 'rules', 'rules', 'windows', 'registry', 'registry_set');
  const schemaFile = join(shared, 'schema', 'sigma-filters-schema.json');
  if (!existsSync(rulesDir) || !existsSync(schemaFile)) {
    t.skip('../shared/sigma is absent: SigmaHQ rules and the filters schema are needed');
    return;
  }
  const yaml = baselineToSigmaFilters(readBaselineFile(fixture));
  const docs = parseAllDocuments(yaml).map((d) => d.toJSON() as unknown);
  assert.equal(docs.length, 2, 'registry_set and file_event documents');
  const ajv = new Ajv2020({ strict: false });
  addFormats.default(ajv);
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  delete schema['$schema'];
  const validate = ajv.compile(schema);
  for (const d of docs) assert.ok(validate(d), JSON.stringify(validate.errors));

  const ruleFiles = [
    'registry_set_asep_reg_keys_modification_currentversion.yml',
    'registry_set_asep_reg_keys_modification_wow6432node.yml',
  ].map((f) => join(rulesDir, f));
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-filters-'));
  try {
    const filterFile = join(dir, 'baseline-filters.yml');
    writeFileSync(filterFile, yaml);
    const plain = compileRules(ruleFiles);
    const filtered = compileRules([...ruleFiles, filterFile]);
    assert.deepEqual(filtered.failed, []);
    assert.equal(filtered.rules.filters, 2);
    raw.forEach((e, i) => {
      const status = events[i]?.[2];
      assert.ok(
        matchEvent(plain.rules, e).length > 0,
        `SigmaHQ rule fires on ${e.data['TargetObject']}`,
      );
      const still = matchEvent(filtered.rules, e).length > 0;
      assert.equal(
        still,
        status !== 'known',
        `${status}: ${e.data['TargetObject']} = ${e.data['Details']}`,
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

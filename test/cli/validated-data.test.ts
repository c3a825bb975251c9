import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// The build stores the validated values of the shipped data files (dist/validated-data.json,
// scripts/snapshot-data.mjs); loadDataFile uses them only while the file and schema texts are
// the same. These tests run the built CLI from a copy of the package, so editing its data is safe.

const root = resolve(import.meta.dirname, '..', '..');
const sample = join(root, 'test', 'samples', 'hunt', 'atomic-red-team-t1547-001.evtx');

function allYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? allYaml(join(dir, d.name))
      : d.name.endsWith('.yaml')
        ? [join(dir, d.name)]
        : [],
  );
}

test('every shipped data file is in the build snapshot, with its current text', async () => {
  const { SHIPPED_DATA } = (await import(
    pathToFileURL(join(root, 'scripts', 'snapshot-data.mjs')).href
  )) as { SHIPPED_DATA: [string, string][] };
  const names = SHIPPED_DATA.map(([n]) => n).sort();
  const onDisk = allYaml(join(root, 'data'))
    .map((f) => relative(join(root, 'data'), f).split('\\').join('/'))
    .sort();
  assert.deepEqual(names, onDisk);
  const snap = JSON.parse(readFileSync(join(root, 'dist', 'validated-data.json'), 'utf8')) as {
    entries: Record<string, { text: string }>;
  };
  assert.equal(Object.keys(snap.entries).length, SHIPPED_DATA.length);
  for (const [name, schema] of SHIPPED_DATA) {
    const entry = snap.entries[`${name}\u0000${schema}`];
    assert.equal(entry?.text, readFileSync(join(root, 'data', name), 'utf8'), name);
  }
});

/** A copy of the package (dist, data, schemas; node_modules linked) in a temp folder. */
function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-pkg-'));
  for (const d of ['dist', 'data', 'schemas'])
    cpSync(join(root, d), join(dir, d), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function huntIn(pkg: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [join(pkg, 'dist', 'cli', 'main.js'), 'hunt', sample, '--format', 'json'],
    { encoding: 'utf8' },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('an edited data file is validated at load even though the build stored its value', () => {
  const pkg = packageCopy();
  try {
    const before = huntIn(pkg);
    assert.equal(before.status, 0, before.stderr);
    // A weight that the schema forbids: the stored value must not hide the edit.
    const scoring = join(pkg, 'data', 'scoring.yaml');
    writeFileSync(scoring, readFileSync(scoring, 'utf8') + '\nnot-a-known-property: 1\n');
    const after = huntIn(pkg);
    assert.notEqual(after.status, 0);
    assert.match(after.stderr, /scoring\.yaml.*not-a-known-property.*unknown property/s);
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
});

test('a damaged snapshot is ignored: the data files are validated and the hunt is the same', () => {
  const pkg = packageCopy();
  try {
    const good = huntIn(pkg);
    writeFileSync(join(pkg, 'dist', 'validated-data.json'), '{ not json');
    const damaged = huntIn(pkg);
    assert.equal(damaged.status, 0, damaged.stderr);
    const strip = (s: string) => s.replace(/"generatedAt":\s*"[^"]*"/g, '');
    assert.equal(strip(damaged.stdout), strip(good.stdout));
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

test('the README library example runs against the built package and prints findings', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, 'README has a ```js block under ## Library');
  // Written inside the repo so that `import ... from 'runhunt'` resolves to this package.
  const dir = mkdtempSync(join(root, 'test', '.readme-'));
  try {
    const file = join(dir, 'example.mjs');
    writeFileSync(file, code);
    const out = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });
    // The hidden-value sample holds one HKLM Run write whose name starts with NUL.
    assert.match(out, /SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\ .*hidden-value-name/);
    assert.match(out, /^\d+ registry value writes$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

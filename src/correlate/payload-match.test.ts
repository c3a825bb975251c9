import { test } from 'node:test';
import assert from 'node:assert/strict';
import { payloadMatcher } from './payload-match.js';

test('an exact payload path matches only itself', () => {
  const m = payloadMatcher('c:\\users\\ieuser\\appdata\\roaming\\svchost.exe');
  assert.equal(m.exact, 'c:\\users\\ieuser\\appdata\\roaming\\svchost.exe');
  assert.ok(m.matchesPath('c:\\users\\ieuser\\appdata\\roaming\\svchost.exe'));
  assert.ok(!m.matchesPath('c:\\windows\\system32\\svchost.exe'));
  assert.ok(m.inCommandLine('"c:\\users\\ieuser\\appdata\\roaming\\svchost.exe" -k'));
});

test('%username% from an expanded %APPDATA% matches any one profile folder', () => {
  const m = payloadMatcher('c:\\users\\%username%\\appdata\\roaming\\sihostt.exe');
  assert.equal(m.exact, undefined);
  assert.ok(m.matchesPath('c:\\users\\admin\\appdata\\roaming\\sihostt.exe'));
  assert.ok(!m.matchesPath('c:\\users\\admin\\sub\\appdata\\roaming\\sihostt.exe'));
  assert.ok(m.inCommandLine('start c:\\users\\admin\\appdata\\roaming\\sihostt.exe /q'));
});

test('a bare file name matches by file name, not as a substring', () => {
  const m = payloadMatcher('evil.exe');
  assert.ok(m.matchesPath('c:\\temp\\evil.exe'));
  assert.ok(!m.matchesPath('c:\\temp\\notevil.exe'));
  assert.ok(m.inCommandLine('cmd /c evil.exe'));
  assert.ok(m.inCommandLine('"c:\\x\\evil.exe" /s'));
  assert.ok(!m.inCommandLine('cmd /c notevil.exe'));
});

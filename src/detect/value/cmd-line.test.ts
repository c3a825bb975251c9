import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyQuoteRule, parseCmdArguments, splitCmdChain, startTarget } from './cmd-line.js';

test('cmd /c strips the first and last quote unless the exact-two-quotes rule keeps them', () => {
  // The Atomic Red Team line of the corpus: cmd turns it into the reg.exe line its child logged.
  assert.equal(
    applyQuoteRule(
      '"REG ADD " "HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /V Atomic" Red "Team /t REG_SZ /F /D C:\\Path\\AtomicRedTeam.exe"',
      false,
    ),
    'REG ADD " "HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /V Atomic" Red "Team /t REG_SZ /F /D C:\\Path\\AtomicRedTeam.exe',
  );
  assert.equal(
    applyQuoteRule('"C:\\Program Files\\a\\b.exe"', false),
    '"C:\\Program Files\\a\\b.exe"',
  );
  assert.equal(
    applyQuoteRule('"C:\\Program Files\\a\\b.exe"', true),
    'C:\\Program Files\\a\\b.exe',
  );
  assert.equal(applyQuoteRule('"a & b"', false), 'a & b');
  assert.equal(applyQuoteRule('dir', false), 'dir');
  assert.equal(applyQuoteRule('"x" tail', false), 'x tail');
});

test('cmd switches before /c, attached /c and /k', () => {
  assert.deepEqual(parseCmdArguments('/q /d /c "echo hi"'), {
    command: 'echo hi',
    mode: 'c',
    switches: ['q', 'd'],
  });
  assert.equal(parseCmdArguments('/C"calc"').command, 'calc');
  assert.equal(parseCmdArguments('/k start x.exe').mode, 'k');
  assert.equal(parseCmdArguments('').command, undefined);
});

test('chains split at & && | || outside quotes; carets escape', () => {
  assert.deepEqual(splitCmdChain('a & b && c | d || e'), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(splitCmdChain('echo "a & b" & x'), ['echo "a & b"', 'x']);
  assert.deepEqual(splitCmdChain('echo a ^& b'), ['echo a & b']);
  assert.deepEqual(splitCmdChain('(a & b)'), ['a', 'b']);
});

test('start: title, options and the command', () => {
  assert.equal(startTarget(' "" /b /min "C:\\x y\\a.exe" -q'), '"C:\\x y\\a.exe" -q');
  assert.equal(startTarget(' /d C:\\dir app.exe'), 'app.exe');
  assert.equal(startTarget(' calc'), 'calc');
  assert.equal(startTarget(''), undefined);
});

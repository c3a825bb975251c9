/**
 * Conformance of the Sigma engine with the specification (SigmaHQ/sigma-specification v2.x:
 * specification/sigma-rules-specification.md = "rules spec", sigma-appendix-modifiers.md =
 * "modifiers appendix"). Each case cites the section it comes from. Where the specification leaves
 * a choice open, the case says which choice this engine makes (also in docs/sigma.md).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detector, loadFailure } from './helpers.js';

type Case = [data: Record<string, string>, expected: boolean];

function check(detection: string, cases: Case[], opts = {}): void {
  const m = detector(detection, opts);
  for (const [data, expected] of cases) {
    assert.equal(
      m(data),
      expected,
      `${JSON.stringify(data)} should ${expected ? '' : 'not '}match`,
    );
  }
}

const sel = (body: string, condition = 'selection'): string =>
  `    selection:\n${body}\n    condition: ${condition}`;

describe('rules spec "String Wildcard", "Escape Character", "General" (case-insensitive)', () => {
  test('plain value: case-insensitive full match', () => {
    check(sel(String.raw`        Image: 'C:\Windows\System32\cmd.exe'`), [
      [{ Image: String.raw`C:\Windows\System32\cmd.exe` }, true],
      [{ Image: String.raw`c:\windows\system32\CMD.EXE` }, true],
      [{ Image: String.raw`C:\Windows\System32\cmd.exe ` }, false],
      [{ Image: String.raw`D:\C:\Windows\System32\cmd.exe` }, false],
      [{ Other: String.raw`C:\Windows\System32\cmd.exe` }, false],
    ]);
  });

  test('* matches any run of characters (also none, also backslashes)', () => {
    check(sel(String.raw`        Image: 'C:\\Windows\\*.exe'`), [
      [{ Image: String.raw`C:\Windows\.exe` }, true],
      [{ Image: String.raw`C:\Windows\System32\cmd.exe` }, true],
      [{ Image: String.raw`C:\Windows\cmd.exe.bak` }, false],
    ]);
  });

  test('trap: C:\\Windows\\*.exe written with single backslashes escapes the star', () => {
    check(sel(String.raw`        Image: 'C:\Windows\*.exe'`), [
      [{ Image: String.raw`C:\Windows*.exe` }, true],
      [{ Image: String.raw`C:\Windows\cmd.exe` }, false],
    ]);
  });

  test('? matches exactly one character', () => {
    check(sel(`        Image: 'c?d.exe'`), [
      [{ Image: 'cmd.exe' }, true],
      [{ Image: 'cd.exe' }, false],
      [{ Image: 'cmmd.exe' }, false],
    ]);
  });

  test('several wildcards, matched without backtracking blow-up', () => {
    check(sel(`        CommandLine: '*a*b?c*d'`), [
      [{ CommandLine: 'xxaxxbzcyyd' }, true],
      [{ CommandLine: 'abxcd' }, true],
      [{ CommandLine: 'abcd' }, false],
      [{ CommandLine: 'a'.repeat(5000) + 'b' }, false],
    ]);
  });

  test('\\* and \\? are literal * and ?', () => {
    check(sel(String.raw`        CommandLine: 'a\*b\?'`), [
      [{ CommandLine: 'a*b?' }, true],
      [{ CommandLine: 'axb?' }, false],
      [{ CommandLine: 'a*bx' }, false],
    ]);
  });

  test('a backslash before other characters is literal: C:\\Windows == C:\\\\Windows', () => {
    check(sel(String.raw`        Image: 'C:\\Windows\\x.exe'`), [
      [{ Image: String.raw`C:\Windows\x.exe` }, true],
      [{ Image: String.raw`C:\\Windows\\x.exe` }, false],
    ]);
  });

  test('\\\\* is a literal backslash then a wildcard', () => {
    check(sel(String.raw`        TargetObject: 'HKLM\Run\\*'`), [
      [{ TargetObject: String.raw`HKLM\Run\evil` }, true],
      [{ TargetObject: String.raw`HKLM\Run\\` }, true],
      [{ TargetObject: String.raw`HKLM\Runevil` }, false],
    ]);
  });

  test('\\\\\\* is a literal backslash and a literal star', () => {
    check(sel(String.raw`        TargetObject: 'x\\\*'`), [
      [{ TargetObject: String.raw`x\*` }, true],
      [{ TargetObject: String.raw`x\abc` }, false],
    ]);
  });

  test('\\\\\\\\ is two literal backslashes', () => {
    check(sel(String.raw`        TargetObject: 'a\\\\b'`), [
      [{ TargetObject: String.raw`a\\b` }, true],
      [{ TargetObject: String.raw`a\b` }, false],
    ]);
  });

  test('a trailing backslash stays literal and does not escape the * added by contains', () => {
    check(sel(String.raw`        TargetObject|contains: '\Run\'`), [
      [{ TargetObject: String.raw`HKLM\Software\Microsoft\Windows\CurrentVersion\Run\evil` }, true],
      [
        { TargetObject: String.raw`HKLM\Software\Microsoft\Windows\CurrentVersion\RunOnce\x` },
        false,
      ],
    ]);
  });

  test("SigmaHQ's Ryuk rule: '\\*.bac' is a literal *.bac", () => {
    check(sel(String.raw`        CommandLine|contains: '\*.bac'`), [
      [{ CommandLine: 'del /s /f /q c:\\*.bac' }, true],
      [{ CommandLine: 'del c:\\x.bac' }, false],
    ]);
  });

  test('numbers compare by their text: EventID: 13', () => {
    check(sel(`        EventID: 13`), [
      [{}, true], // the helper's events are EID 13
    ]);
    const m = detector(sel(`        EventID: 1`));
    assert.equal(m({}), false);
    assert.equal(m({}, { eventId: 1 }), true);
  });
});

describe('rules spec "Special Field Values" and "Field Existence"', () => {
  test("'' matches only an empty value", () => {
    check(sel(`        Details: ''`), [
      [{ Details: '' }, true],
      [{ Details: 'x' }, false],
      [{}, false],
    ]);
  });

  test('null matches an absent (or empty) field; "not null" through negation', () => {
    check(sel(`        Details: null`), [
      [{}, true],
      [{ Details: '' }, true],
      [{ Details: '(Empty)' }, false],
    ]);
    check(
      `    selection:\n        EventType: SetValue\n    filter:\n        Details: null\n    condition: selection and not filter`,
      [
        [{ EventType: 'SetValue', Details: 'x' }, true],
        [{ EventType: 'SetValue' }, false],
      ],
    );
  });

  test('exists: true / false tests presence, not the value', () => {
    check(sel(`        Details|exists: true`), [
      [{ Details: '' }, true],
      [{}, false],
    ]);
    check(sel(`        Details|exists: false`), [
      [{ Details: 'x' }, false],
      [{}, true],
    ]);
  });
});

describe('rules spec "Lists" and "Maps"', () => {
  test('a value list is an OR', () => {
    check(
      sel(`        Image|endswith:\n            - '\\reg.exe'\n            - '\\powershell.exe'`),
      [
        [{ Image: 'C:\\x\\reg.exe' }, true],
        [{ Image: 'C:\\x\\POWERSHELL.exe' }, true],
        [{ Image: 'C:\\x\\cmd.exe' }, false],
      ],
    );
  });

  test('a map is an AND of its fields', () => {
    check(sel(`        EventType: SetValue\n        TargetObject|contains: '\\Run\\'`), [
      [{ EventType: 'SetValue', TargetObject: 'HKLM\\Run\\x' }, true],
      [{ EventType: 'DeleteValue', TargetObject: 'HKLM\\Run\\x' }, false],
      [{ EventType: 'SetValue', TargetObject: 'HKLM\\RunMRU\\x' }, false],
    ]);
  });

  test('a list of maps is an OR of the maps', () => {
    check(
      `    selection:\n        - Image|endswith: '\\reg.exe'\n          CommandLine|contains: ' add '\n        - Image|endswith: '\\regedit.exe'\n    condition: selection`,
      [
        [{ Image: 'C:\\reg.exe', CommandLine: 'reg add x' }, true],
        [{ Image: 'C:\\reg.exe', CommandLine: 'reg query x' }, false],
        [{ Image: 'C:\\regedit.exe' }, true],
      ],
    );
  });
});

describe('rules spec "Keywords search"', () => {
  test('a keyword list is an OR of substrings searched in every value', () => {
    check(
      `    keywords:\n        - 'event::clear'\n        - 'event::drop'\n    condition: keywords`,
      [
        [{ CommandLine: 'mimikatz EVENT::Clear exit' }, true],
        [{ Other: 'x event::drop' }, true],
        [{ CommandLine: 'event::list' }, false],
      ],
    );
  });

  test("'|all' makes keywords an AND", () => {
    check(
      `    keywords:\n        '|all':\n            - 'OabVirtualDirectory'\n            - ' -ExternalUrl '\n    condition: keywords`,
      [
        [{ CommandLine: 'Set-OabVirtualDirectory -ExternalUrl http://x' }, true],
        [{ A: 'OabVirtualDirectory', B: 'x -ExternalUrl y' }, true],
        [{ CommandLine: 'Set-OabVirtualDirectory' }, false],
      ],
    );
  });

  test('keywords also see System fields (Computer)', () => {
    check(`    keywords:\n        - 'host1'\n    condition: keywords`, [[{}, true]]);
  });
});

describe('modifiers appendix: "General"', () => {
  test('contains / startswith / endswith', () => {
    check(sel(`        CommandLine|contains: 'reg add'`), [
      [{ CommandLine: 'cmd /c REG ADD x' }, true],
      [{ CommandLine: 'reg  add' }, false],
    ]);
    check(sel(`        Image|startswith: 'C:\\Users\\'`), [
      [{ Image: 'c:\\users\\bob\\x.exe' }, true],
      [{ Image: 'D:\\C:\\Users\\x.exe' }, false],
    ]);
    check(sel(`        Image|endswith: '\\cmd.exe'`), [
      [{ Image: 'C:\\Windows\\cmd.exe' }, true],
      [{ Image: 'C:\\Windows\\cmd.exe.bak' }, false],
    ]);
  });

  test('contains keeps inner wildcards', () => {
    check(sel(`        CommandLine|contains: 'reg*add'`), [
      [{ CommandLine: 'x reg.exe add y' }, true],
      [{ CommandLine: 'x add reg y' }, false],
    ]);
  });

  test('all: every value of the list', () => {
    check(sel(`        CommandLine|contains|all:\n            - 'reg'\n            - ' add '`), [
      [{ CommandLine: 'REG   ADD x' }, true],
      [{ CommandLine: 'REGADD x' }, false],
      [{ CommandLine: 'reg query' }, false],
    ]);
  });

  test('cased: case-sensitive', () => {
    check(sel(`        CommandLine|cased|contains: 'Invoke-'`), [
      [{ CommandLine: 'x Invoke-Thing' }, true],
      [{ CommandLine: 'x invoke-thing' }, false],
    ]);
  });

  test('neq: the field is different (the whole item negated, as in pySigma)', () => {
    check(sel(`        EventType|neq: SetValue`), [
      [{ EventType: 'DeleteValue' }, true],
      [{ EventType: 'setvalue' }, false],
    ]);
  });
});

describe('modifiers appendix: "String only" (re, windash)', () => {
  test('re is case-sensitive by default and searches (not anchored)', () => {
    check(sel(`        CommandLine|re: 'Run(Once)?\\\\'`), [
      [{ CommandLine: 'HKLM\\RunOnce\\x' }, true],
      [{ CommandLine: 'hklm\\runonce\\x' }, false],
    ]);
  });

  test('re|i ignores case, re|m makes ^ and $ per line, re|s lets . match newlines', () => {
    check(sel(`        CommandLine|re|i: '^powershell'`), [
      [{ CommandLine: 'PowerShell -e x' }, true],
    ]);
    check(sel(`        CommandLine|re|m: '^second$'`), [
      [{ CommandLine: 'first\nsecond\nthird' }, true],
    ]);
    check(sel(`        CommandLine|re: '^second$'`), [
      [{ CommandLine: 'first\nsecond\nthird' }, false],
    ]);
    check(sel(`        CommandLine|re|s: 'a.b'`), [[{ CommandLine: 'a\nb' }, true]]);
    check(sel(`        CommandLine|re: 'a.b'`), [[{ CommandLine: 'a\nb' }, false]]);
  });

  test('re: a PCRE inline flag prefix (?i) is honoured', () => {
    check(sel(`        CommandLine|re: '(?i)^reg'`), [[{ CommandLine: 'REG add' }, true]]);
  });

  test('windash: - and / (and en/em dash, horizontal bar) are interchangeable for options', () => {
    check(sel(`        CommandLine|windash|contains: ' -f '`), [
      [{ CommandLine: 'reg add x -f ' }, true],
      [{ CommandLine: 'reg add x /f ' }, true],
      [{ CommandLine: 'reg add x \u2013f ' }, true],
      [{ CommandLine: 'reg add x \u2014f ' }, true],
      [{ CommandLine: 'reg add x \u2015f ' }, true],
      [{ CommandLine: 'reg add x +f ' }, false],
    ]);
  });

  test('windash leaves dashes inside words alone', () => {
    check(sel(`        CommandLine|windash: 'a-b'`), [
      [{ CommandLine: 'a-b' }, true],
      [{ CommandLine: 'a/b' }, false],
    ]);
  });
});

describe('modifiers appendix: "String Encoding"', () => {
  const b64 = (s: string, enc: BufferEncoding = 'utf8'): string =>
    Buffer.from(s, enc).toString('base64');

  test('base64: the value encoded as a whole', () => {
    check(sel(`        CommandLine|base64: 'http://'`), [
      [{ CommandLine: 'aHR0cDovLw==' }, true],
      [{ CommandLine: 'http://' }, false],
    ]);
    check(sel(`        CommandLine|base64|contains: 'http://'`), [
      [{ CommandLine: 'x aHR0cDovLw== y' }, true],
    ]);
  });

  test('base64offset|contains finds the value at any of the three byte offsets', () => {
    const m = detector(sel(`        CommandLine|base64offset|contains: 'http://'`));
    for (const prefix of ['', 'x', 'xy', 'xyz', 'IEX ']) {
      assert.ok(
        m({ CommandLine: `powershell -e ${b64(prefix + 'http://evil.example/')}` }),
        prefix,
      );
    }
    assert.equal(m({ CommandLine: `powershell -e ${b64('ftp://evil.example/')}` }), false);
  });

  test('the three base64offset variants are the specification example ones', () => {
    for (const v of ['aHR0cDovL', 'h0dHA6Ly', 'odHRwOi8v']) {
      check(sel(`        CommandLine|base64offset: 'http://'`), [[{ CommandLine: v }, true]]);
    }
  });

  test('utf16le / wide then base64offset: PowerShell -EncodedCommand', () => {
    for (const mod of ['utf16le', 'wide']) {
      const m = detector(
        sel(`        CommandLine|${mod}|base64offset|contains: 'Invoke-Expression'`),
      );
      assert.ok(
        m({ CommandLine: `powershell -enc ${b64('$x; Invoke-Expression $y', 'utf16le')}` }),
        mod,
      );
      assert.equal(m({ CommandLine: `powershell -enc ${b64('$x; Invoke-Expression $y')}` }), false);
    }
  });

  test('utf16be and utf16 (little-endian with BOM)', () => {
    const be = Buffer.from('ping', 'utf16le').swap16();
    check(sel(`        Data|utf16be|base64: 'ping'`), [[{ Data: be.toString('base64') }, true]]);
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ping', 'utf16le')]);
    check(sel(`        Data|utf16|base64: 'ping'`), [[{ Data: bom.toString('base64') }, true]]);
  });
});

describe('modifiers appendix: "Numeric only", "Ip only", "Specific"', () => {
  test('gt / gte / lt / lte compare numbers (decimal or 0x hex field values)', () => {
    check(sel(`        Count|gt: 10`), [
      [{ Count: '11' }, true],
      [{ Count: '10' }, false],
      [{ Count: '0xb' }, true],
      [{ Count: 'eleven' }, false],
    ]);
    check(sel(`        Count|gte: 10`), [[{ Count: '10' }, true]]);
    check(sel(`        Count|lt: 10`), [
      [{ Count: '9' }, true],
      [{ Count: '10' }, false],
    ]);
    check(sel(`        Count|lte: 10`), [[{ Count: '10' }, true]]);
  });

  test('cidr: IPv4 and IPv6 networks', () => {
    check(
      sel(
        `        DestinationIp|cidr:\n            - '10.0.0.0/8'\n            - '192.168.1.0/24'`,
      ),
      [
        [{ DestinationIp: '10.1.2.3' }, true],
        [{ DestinationIp: '192.168.1.200' }, true],
        [{ DestinationIp: '192.168.2.1' }, false],
        [{ DestinationIp: '11.0.0.1' }, false],
        [{ DestinationIp: 'not an ip' }, false],
      ],
    );
    check(sel(`        DestinationIp|cidr: 'fe80::/10'`), [
      [{ DestinationIp: 'fe80::1' }, true],
      [{ DestinationIp: 'FE80:0:0:0:0:0:0:abcd' }, true],
      [{ DestinationIp: '2001:db8::1' }, false],
      [{ DestinationIp: '10.0.0.1' }, false],
    ]);
    check(sel(`        DestinationIp|cidr: '::ffff:0:0/96'`), [
      [{ DestinationIp: '::ffff:10.0.0.1' }, true],
    ]);
  });

  test('fieldref: compare with another field of the same event', () => {
    check(sel(`        ParentImage|fieldref: Image`), [
      [{ Image: 'C:\\a.exe', ParentImage: 'c:\\A.EXE' }, true],
      [{ Image: 'C:\\a.exe', ParentImage: 'C:\\b.exe' }, false],
      [{ ParentImage: 'C:\\b.exe' }, false],
    ]);
    check(sel(`        CommandLine|fieldref|contains: Image`), [
      [{ Image: 'evil.exe', CommandLine: 'start evil.exe now' }, true],
      [{ Image: 'evil.exe', CommandLine: 'start good.exe' }, false],
    ]);
  });

  test('expand: placeholders resolved from the configuration, \\% is a plain %', () => {
    const opts = { placeholders: { Admins: ['adm_*', 'root'] } };
    check(
      sel(`        User|expand: '%Admins%'`),
      [
        [{ User: 'adm_bob' }, true],
        [{ User: 'root' }, true],
        [{ User: 'bob' }, false],
      ],
      opts,
    );
    check(sel(`        User: '%Admins%'`), [[{ User: '%Admins%' }, true]]);
    check(sel(`        User|expand: '\\%x%Admins%'`), [[{ User: '%xroot' }, true]], opts);
  });
});

describe('rules spec "Condition"', () => {
  const three = (cond: string): string =>
    `    a:\n        A: '1'\n    b:\n        B: '1'\n    c:\n        C: '1'\n    condition: ${cond}`;

  test('precedence: or < and < not (a or b and c == a or (b and c))', () => {
    check(three('a or b and c'), [
      [{ A: '1' }, true],
      [{ B: '1' }, false],
      [{ B: '1', C: '1' }, true],
    ]);
    check(three('not a and b'), [
      [{ B: '1' }, true],
      [{ A: '1', B: '1' }, false],
    ]);
    check(three('not (a and b)'), [
      [{ A: '1', B: '1' }, false],
      [{ A: '1' }, true],
    ]);
  });

  test('parentheses override precedence', () => {
    check(three('(a or b) and c'), [
      [{ A: '1' }, false],
      [{ A: '1', C: '1' }, true],
    ]);
  });

  test('1 of / any of / all of a pattern; x of binds tighter than and', () => {
    const rule = `    sel_a:\n        A: '1'\n    sel_b:\n        B: '1'\n    filter_x:\n        X: '1'\n    condition: `;
    check(rule + '1 of sel_*', [
      [{ B: '1' }, true],
      [{ X: '1' }, false],
    ]);
    check(rule + 'any of sel_*', [[{ A: '1' }, true]]);
    check(rule + 'all of sel_* and not 1 of filter_*', [
      [{ A: '1', B: '1' }, true],
      [{ A: '1', B: '1', X: '1' }, false],
      [{ A: '1' }, false],
    ]);
  });

  test('1 of them / all of them skip identifiers starting with _', () => {
    const rule = `    a:\n        A: '1'\n    b:\n        B: '1'\n    _c:\n        C: '1'\n    condition: `;
    check(rule + '1 of them', [
      [{ C: '1' }, false],
      [{ A: '1' }, true],
    ]);
    check(rule + 'all of them', [[{ A: '1', B: '1' }, true]]);
    check(rule + '1 of _*', [[{ C: '1' }, true]]);
  });

  test('a list of conditions is an OR', () => {
    check(
      `    a:\n        A: '1'\n    b:\n        B: '1'\n    condition:\n        - a\n        - b`,
      [
        [{ B: '1' }, true],
        [{ C: '1' }, false],
      ],
    );
  });

  test('conditions spanning lines and upper-case operators', () => {
    check(three('a\n        OR (b AND c)'), [[{ B: '1', C: '1' }, true]]);
  });
});

describe('rules the engine cannot run are reported with the reason', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown modifier', sel(`        A|bogus: x`), /unknown modifier "bogus"/],
    ['aggregation', sel(`        A: x`, 'selection | count() > 5'), /obsolete; use a correlation/],
    [
      'unknown identifier',
      sel(`        A: x`, 'selection and other'),
      /unknown search identifier "other"/,
    ],
    ['pattern without match', sel(`        A: x`, '1 of filter_*'), /matches no search identifier/],
    ['nested quantifier', sel(`        A|re: '(a+)+$'`), /nested quantifier/],
    ['back-reference', sel(`        A|re: '(a)\\1'`), /back-references/],
    ['invalid regex', sel(`        A|re: '(a'`), /invalid regular expression/],
    ['base64 of a wildcard', sel(`        A|base64: 'a*'`), /cannot encode a value with wildcards/],
    [
      'unresolved placeholder',
      sel(`        A|expand: '%Servers%'`),
      /placeholder %Servers% has no value/,
    ],
    ['time modifiers', sel(`        A|hour: 3`), /not supported/],
    ['bad cidr', sel(`        A|cidr: '10.0.0.0/33'`), /invalid CIDR/],
    ['re sub-modifier without re', sel(`        A|contains|i: x`), /only valid after "re"/],
    ['exists with a non-boolean', sel(`        A|exists: yes please`), /true or false/],
  ];
  for (const [name, detection, reason] of cases) {
    test(name, () => assert.match(loadFailure(detection), reason));
  }
});

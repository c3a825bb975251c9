import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyData } from '../model/events.js';
import { escapeXml, renderEventXml } from './event-xml.js';

test('escapeXml escapes markup, quotes and control characters, keeping one line', () => {
  assert.equal(escapeXml(`a<b>&"c'\n\r\x1b`), 'a&lt;b&gt;&amp;&quot;c&apos;&#10;&#13;&#27;');
});

test('renderEventXml writes Windows-style XML with attacker text inert', () => {
  const data = emptyData();
  data['Details'] = `"><script>alert(1)</script>\nx`;
  const xml = renderEventXml({
    source: 'x.json',
    recordId: 5,
    timeCreated: '2020-01-01T00:00:00.0000000Z',
    eventId: 13,
    provider: 'Microsoft-Windows-Sysmon',
    channel: 'Microsoft-Windows-Sysmon/Operational',
    computer: 'HOST',
    data,
  });
  assert.ok(!xml.includes('\n'));
  assert.ok(!xml.includes('<script>'));
  assert.match(
    xml,
    /^<Event xmlns='http:\/\/schemas.microsoft.com\/win\/2004\/08\/events\/event'><System><Provider Name='Microsoft-Windows-Sysmon'\/>/,
  );
  assert.match(
    xml,
    /<Data Name='Details'>&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&#10;x<\/Data>/,
  );
});

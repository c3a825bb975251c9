/** The fuzz seeds: committed samples always, real corpus files when ../shared is present. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const corpus = resolve(repo, '..', 'shared', 'corpus');

const TEXT = [
  'wevtutil.xml',
  'get-winevent-utf16.xml',
  'nxlog.json',
  'evtx-dump.json',
  'xmltodict.json',
  'winlogbeat.json',
  'splunk.csv',
  'evtxecmd.csv',
];

export function sampleInputs(): string[] {
  const evtx = [
    'evtx/sysmon-one-chunk.evtx',
    'evtx/system-one-chunk.evtx',
    'hunt/run-key-appdata-svchost.evtx',
  ];
  return [
    ...evtx.map((f) => join(repo, 'test', 'samples', f)),
    ...TEXT.map((f) => join(repo, 'test', 'samples', 'ingest', 'rendered', f)),
  ];
}

/** Every .evtx under the corpus (empty when it is absent). */
export function corpusInputs(): string[] {
  if (!existsSync(corpus)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.evtx')) out.push(p);
    }
  };
  walk(corpus);
  return out;
}

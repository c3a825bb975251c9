/**
 * Which registry values a command reads (registry indirection): Empire's Run value
 * `$x=$((gp HKLM:SOFTWARE\Microsoft\Windows\CurrentVersion Debug).Debug);powershell -enc $x`
 * holds only a loader; the payload is the data of `HKLM\...\CurrentVersion\Debug`, written by the
 * same process in another EID 13 (existing-tools.md 3.3). The correlator can join these
 * references to the events that wrote them and analyse that data with `analyzeIndirectPayload`.
 */
import { splitArgs } from './argv.js';

export interface RegistryRead {
  /** Key as written (`HKLM:SOFTWARE\...`, `HKCU\...`, `Registry::HKEY_...`). */
  key: string;
  /** Value name; undefined when the whole key is read. */
  valueName?: string;
  /** The text it was read from. */
  statement: string;
}

// gp / Get-ItemProperty / Get-ItemPropertyValue <path> [<name>] (positional or -Path / -Name).
const GET_PROPERTY =
  /\b(?:gp|gpv|Get-ItemProperty|Get-ItemPropertyValue)\s+(?:-(?:Path|LiteralPath)\s+)?(['"]?)((?:HK[A-Z]{1,4}:|Registry::|HKEY_)[^'"\s);|]*)\1(?:\s+(?:-Name\s+)?(['"]?)([^'"\s);|-][^'"\s);|]*)\3)?/gi;
// reg query <key> [/v <name> | /ve]
const REG_QUERY = /\breg(?:\.exe)?\s+query\s+([^\r\n;|&')]+)/gi;

/** Registry values read by the text (PowerShell or cmd), at most `max`. */
export function findRegistryReads(text: string, max = 8): RegistryRead[] {
  const out: RegistryRead[] = [];
  GET_PROPERTY.lastIndex = 0;
  for (let m = GET_PROPERTY.exec(text); m && out.length < max; m = GET_PROPERTY.exec(text)) {
    const key = m[2] ?? '';
    const name = m[4];
    out.push({ key, ...(name !== undefined ? { valueName: name } : {}), statement: m[0] });
  }
  REG_QUERY.lastIndex = 0;
  for (let m = REG_QUERY.exec(text); m && out.length < max; m = REG_QUERY.exec(text)) {
    const args = splitArgs(m[1] ?? '');
    const key = args[0];
    if (key === undefined) continue;
    let valueName: string | undefined;
    for (let i = 1; i < args.length; i++) {
      const a = (args[i] ?? '').toLowerCase();
      if (a === '/v' || a === '-v') valueName = args[i + 1];
      if (a === '/ve' || a === '-ve') valueName = '';
    }
    out.push({ key, ...(valueName !== undefined ? { valueName } : {}), statement: m[0].trim() });
  }
  return out;
}

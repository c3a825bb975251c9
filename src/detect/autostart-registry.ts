import type { RegistryEvent } from '../model/normalized.js';
import { canonicalRegistryKey, canonicalRegistryPath } from '../normalize/registry-path.js';
import { matchAsep } from './catalog/asep.js';

/**
 * Registry paths remembered. A log writes the same few hundred keys over and over (services,
 * policies, MRU lists), and the answer depends on the path alone.
 */
const AUTOSTART_MEMO = 4096;

/**
 * A test of whether a registry event touches an autostart location of any kind (as a value, or
 * as the key itself), remembered by path. The detector uses it, and so do the hunt's reading
 * workers (src/parallel/read-task.ts), which leave out the events it rejects.
 */
export function autostartRegistryTest(): (e: RegistryEvent) => boolean {
  const known = new Map<string, boolean>();
  return (e) => {
    const t = e.targetObject;
    let is = known.get(t);
    if (is === undefined) {
      is =
        matchAsep(canonicalRegistryPath(t)) !== null || matchAsep(canonicalRegistryKey(t)) !== null;
      if (known.size >= AUTOSTART_MEMO) known.clear();
      known.set(t, is);
    }
    return is;
  };
}

/**
 * A registry event the hunt reads for nothing but its clock-skew vote: off every autostart
 * location, and not a rename (whose new name may land on one). Such an event is neither kept for
 * chains (hunt.ts keepForLinks) nor a candidate (the detector's registryCandidate answers null
 * for every event type but SetValue and the renames, and for SetValue off autostart locations).
 */
export function onlyVotes(e: RegistryEvent, isAutostart: (e: RegistryEvent) => boolean): boolean {
  return e.eventType !== 'RenameKey' && e.eventType !== 'RenameValue' && !isAutostart(e);
}

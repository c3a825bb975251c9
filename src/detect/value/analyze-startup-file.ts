/**
 * analyzeStartupFile: what kind of file was dropped into a Startup folder (Sysmon EID 11
 * TargetFilename). Explorer opens every file there at logon, so the type says how it runs:
 * scripts through their file association, shortcuts through their target, programs directly.
 * Extension lists are data/file-types.yaml (SigmaHQ 28208707-..., Elastic startup rules).
 */
import { extensionOf } from './canonical-path.js';
import { doubleExtension, masquerade } from './analyze-value.js';
import { pushSignal, type Signal } from './signal.js';
import { valueData } from './value-data.js';

export type StartupFileKind = 'script' | 'lnk' | 'executable' | 'other';

/** The kind of a Startup-folder file, by extension. Shortcuts win over scripts (`.url`). */
export function startupFileKind(targetFilename: string): StartupFileKind {
  const ft = valueData().fileTypes;
  const ext = extensionOf(targetFilename);
  if (ext === '') return 'other';
  if (ft.shortcut.includes(ext)) return 'lnk';
  if (ft.script.includes(ext)) return 'script';
  if (ft.executable.includes(ext) || ft.package.includes(ext) || ft.library.includes(ext)) {
    return 'executable';
  }
  return 'other';
}

const KIND_INDICATOR: Record<Exclude<StartupFileKind, 'other'>, string> = {
  script: 'startup-folder-script',
  lnk: 'startup-folder-lnk',
  executable: 'startup-folder-executable',
};

/** Signals of a file created in a Startup folder. */
export function analyzeStartupFile(targetFilename: string): Signal[] {
  const out: Signal[] = [];
  const kind = startupFileKind(targetFilename);
  if (kind !== 'other') pushSignal(out, KIND_INDICATOR[kind], targetFilename);
  if (doubleExtension(targetFilename) !== undefined) {
    pushSignal(out, 'double-extension', targetFilename);
  }
  const masq = masquerade(targetFilename);
  if (masq !== undefined) pushSignal(out, 'system-binary-masquerade', masq);
  return out;
}

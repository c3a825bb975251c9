/** data/autostart-commands.yaml, loaded and compiled once. */
import { loadDataFile, DataFileError } from '../../util/data-loader.js';

interface AutostartCommandsFile {
  reg: { write: string[]; delete: string[]; valueSwitches: string[]; defaultValueSwitch: string };
  powershell: {
    setProperty: string[];
    setItem: string[];
    removeProperty: string[];
    pathParameters: string[];
    nameParameters: string[];
    valueParameters: string[];
    typeParameters: string[];
    aliases: Record<string, string>;
  };
  wmi: { set: string[]; delete: string[] };
  dotnet: { hives: Record<string, string> };
  startup: { copy: string[]; write: string[]; delete: string[]; shortcutPattern: string };
}

export interface CommandData extends Omit<AutostartCommandsFile, 'startup'> {
  startup: Omit<AutostartCommandsFile['startup'], 'shortcutPattern'> & { shortcut: RegExp };
}

let cache: CommandData | undefined;

export function commandData(): CommandData {
  if (cache) return cache;
  const f = loadDataFile<AutostartCommandsFile>(
    'autostart-commands.yaml',
    'autostart-commands.schema.json',
  );
  let shortcut: RegExp;
  try {
    shortcut = new RegExp(f.startup.shortcutPattern, 'i');
  } catch (e) {
    throw new DataFileError(
      'autostart-commands.yaml',
      '$.startup.shortcutPattern',
      `invalid regular expression: ${(e as Error).message}`,
    );
  }
  cache = { ...f, startup: { ...f.startup, shortcut } };
  return cache;
}

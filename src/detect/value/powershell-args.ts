/**
 * Reads the PowerShell host's own switches (powershell.exe, pwsh.exe) from argv, with the
 * prefix-matching rules of data/interpreters.yaml: `-e`, `-enc`, `-EncodedCommand`, `/ec`, `–e`
 * (en dash) all mean -EncodedCommand. Everything after -Command (or after the first argument
 * that is not a switch) is the command text, joined with spaces as the host joins it.
 */
import { valueData, type PowerShellRole } from './value-data.js';

export interface PowerShellInvocation {
  /** Command text (-Command, or the positional text), argv joined with spaces as the host does. */
  command?: string;
  /** Index in the argument list where the command text starts (for the raw text). */
  commandIndex?: number;
  /**
   * The command text as written in the command line (quotes kept). The host would run
   * `command`; this form keeps what the author meant when quoting broke it.
   */
  commandRaw?: string;
  /** Script file (-File, or pwsh's positional argument). */
  file?: string;
  /** The -EncodedCommand argument as written. */
  encoded?: string;
  /** -WindowStyle value as written. */
  windowStyle?: string;
  /** True when -WindowStyle hides the window. */
  hidden: boolean;
  /** -ExecutionPolicy value as written. */
  executionPolicy?: string;
  /** True when -EncodedArguments was used (serialized arguments for -EncodedCommand). */
  encodedArguments: boolean;
  /** Switch names as matched (canonical names of data/interpreters.yaml), in order. */
  switches: string[];
  /** Switches as written (`-ec`, `/w`), for details. */
  written: string[];
}

/** The canonical switch an argument names, or undefined when it is not a switch. */
export function matchPowerShellSwitch(
  arg: string,
): { name: string; role: PowerShellRole } | undefined {
  const ps = valueData().powershell;
  let key = arg.trim().toLowerCase();
  const first = key[0];
  if (first === undefined || !ps.dashes.includes(first)) return undefined;
  key = key.slice(1);
  const second = key[0];
  if (second !== undefined && second !== '/' && ps.dashes.includes(second)) key = key.slice(1);
  if (key === '') return undefined;
  // A `-Param:value` form is not accepted by the host for its own switches; keep it a non-switch.
  for (const s of ps.switches) {
    if (s.name.startsWith(key) && key.length >= s.minimal.length) {
      return { name: s.name, role: s.role };
    }
  }
  return undefined;
}

/** Parses argv[1..] of a PowerShell host. `exeName` is the lower-case host name. */
export function parsePowerShellArgs(
  args: readonly string[],
  exeName: string,
): PowerShellInvocation {
  const ps = valueData().powershell;
  const out: PowerShellInvocation = {
    hidden: false,
    encodedArguments: false,
    switches: [],
    written: [],
  };
  const positionalIsFile = ps.positionalIsFile.includes(exeName);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.trim() === '') continue;
    const sw = matchPowerShellSwitch(arg);
    if (!sw) {
      // The first argument the host does not recognise starts the command (or names the file).
      const rest = args.slice(i);
      if (positionalIsFile && !/^[-/\u2013\u2014\u2015]/.test(arg)) {
        out.file = arg;
      } else {
        out.command = rest.join(' ');
        out.commandIndex = i;
      }
      break;
    }
    out.switches.push(sw.name);
    out.written.push(arg);
    const next = args[i + 1];
    switch (sw.role) {
      case 'flag':
        break;
      case 'value':
        if (sw.name === 'executionpolicy' || sw.name === 'ep') {
          if (next !== undefined) out.executionPolicy = next;
        }
        i++;
        break;
      case 'window-style':
        if (next !== undefined) {
          out.windowStyle = next;
          out.hidden = ps.hiddenWindowStyles.includes(next.trim().toLowerCase());
        }
        i++;
        break;
      case 'encoded-command':
        if (next !== undefined) out.encoded = next;
        i++;
        break;
      case 'encoded-arguments':
        out.encodedArguments = true;
        i++;
        break;
      case 'command':
        out.command = args.slice(i + 1).join(' ');
        out.commandIndex = i + 1;
        i = args.length;
        break;
      case 'file':
        if (next !== undefined) out.file = next;
        i = args.length; // the rest are the script's arguments
        break;
    }
  }
  return out;
}

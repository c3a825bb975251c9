/**
 * The one rule tree every output dialect is rendered from (Sigma YAML, SPL, KQL, EQL, ES|QL).
 *
 * A rule is a Sigma-shaped detection: named selections (each an AND of field items) and a
 * condition over them. Values are `SigmaString`s (literal text and wildcards), so each dialect
 * decides how to quote and escape literal characters and how to spell wildcards.
 */
import type { SigmaString } from '../../sigma/sigma-string.js';

export type ItemOp = 'equals' | 'contains' | 'startswith' | 'endswith';

/** `Field|op: values` (OR of the values, AND with `all`), or `Field: null`. */
export type FieldItem =
  | {
      field: string;
      op: ItemOp;
      values: SigmaString[];
      all: boolean;
      /**
       * For generated `TargetObject` items: whether each value is a key path ending in `\`
       * (`key`, any value under it) or a key path plus value name (`value`). Targets that store
       * key and value name apart (Defender `RegistryKey` / `RegistryValueName`) need it.
       */
      registryPath?: 'key' | 'value';
    }
  | { field: string; op: 'null' };

/** A condition over items: what dialects render. */
export type Node =
  | { kind: 'item'; item: FieldItem }
  | { kind: 'and' | 'or'; args: Node[] }
  | { kind: 'not'; arg: Node };

export type Level = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export interface RuleTree {
  title: string;
  id: string;
  status: 'experimental' | 'test' | 'stable';
  description: string;
  author: string;
  /** YYYY-MM-DD */
  date: string;
  tags: string[];
  logsource: { category: string; product: string };
  /** Selection name → its items (AND). Names follow SigmaHQ: selection_*, filter_main_*. */
  selections: Record<string, FieldItem[]>;
  /** Sigma condition text over the selection names. */
  condition: string;
  falsepositives: string[];
  level: Level;
}

/**
 * Field modifiers: parsing `Field|mod1|mod2` and checking that the chain makes sense.
 *
 * Sigma rules specification "Value Modifiers": modifiers are applied to the value in the order
 * given. The list of modifiers is the modifiers appendix (sigma-appendix-modifiers.md).
 */

export class ModifierError extends Error {
  override readonly name = 'ModifierError';
}

/** Modifiers that rewrite the value text (applied left to right). */
export const TRANSFORMS = new Set([
  'contains',
  'startswith',
  'endswith',
  'base64',
  'base64offset',
  'utf16le',
  'wide',
  'utf16be',
  'utf16',
  'windash',
  'expand',
]);

/** Modifiers that change how the value is compared (at most one). */
export const TYPES = new Set(['re', 'cidr', 'exists', 'fieldref', 'gt', 'gte', 'lt', 'lte']);

/** Flags. `i`/`m`/`s` (and long names) are `re` sub-modifiers. */
export const FLAGS = new Set(['all', 'cased', 'neq']);
const RE_SUB = new Map([
  ['i', 'i'],
  ['ignorecase', 'i'],
  ['m', 'm'],
  ['multiline', 'm'],
  ['s', 's'],
  ['dotall', 's'],
]);

/** Spec 2.1 time-part modifiers this engine does not implement: reported, not ignored. */
const UNSUPPORTED = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);

export interface ModifierChain {
  /** Field name, or null for keyword (field-less) items like `'|all':`. */
  field: string | null;
  transforms: string[];
  type: string | null;
  all: boolean;
  cased: boolean;
  neq: boolean;
  reFlags: { ignoreCase: boolean; multiline: boolean; dotAll: boolean };
}

/** Parses a detection map key. Throws ModifierError for unknown or ill-combined modifiers. */
export function parseKey(key: string): ModifierChain {
  const [fieldPart = '', ...mods] = key.split('|');
  const chain: ModifierChain = {
    field: fieldPart === '' ? null : fieldPart,
    transforms: [],
    type: null,
    all: false,
    cased: false,
    neq: false,
    reFlags: { ignoreCase: false, multiline: false, dotAll: false },
  };
  for (const raw of mods) {
    const m = raw.toLowerCase();
    if (TRANSFORMS.has(m)) {
      chain.transforms.push(m);
    } else if (TYPES.has(m)) {
      if (chain.type !== null && chain.type !== m) {
        throw new ModifierError(`modifiers "${chain.type}" and "${m}" cannot be combined`);
      }
      chain.type = m;
    } else if (m === 'all') chain.all = true;
    else if (m === 'cased') chain.cased = true;
    else if (m === 'neq') chain.neq = true;
    else if (RE_SUB.has(m)) {
      if (chain.type !== 're') throw new ModifierError(`"${raw}" is only valid after "re"`);
      const f = RE_SUB.get(m);
      if (f === 'i') chain.reFlags.ignoreCase = true;
      else if (f === 'm') chain.reFlags.multiline = true;
      else chain.reFlags.dotAll = true;
    } else if (UNSUPPORTED.has(m)) {
      throw new ModifierError(`modifier "${raw}" is not supported by this engine`);
    } else {
      throw new ModifierError(`unknown modifier "${raw}"`);
    }
  }
  check(chain);
  return chain;
}

function check(c: ModifierChain): void {
  const t = c.type;
  if (
    t === 're' ||
    t === 'cidr' ||
    t === 'exists' ||
    t === 'gt' ||
    t === 'gte' ||
    t === 'lt' ||
    t === 'lte'
  ) {
    if (c.transforms.length > 0) {
      throw new ModifierError(`"${t}" cannot be combined with "${c.transforms.join('|')}"`);
    }
  }
  if (t === 'fieldref') {
    const bad = c.transforms.filter((m) => !['contains', 'startswith', 'endswith'].includes(m));
    if (bad.length > 0)
      throw new ModifierError(`"fieldref" cannot be combined with "${bad.join('|')}"`);
  }
  if (
    c.cased &&
    (t === 'cidr' || t === 'exists' || t === 'gt' || t === 'gte' || t === 'lt' || t === 'lte')
  ) {
    throw new ModifierError(`"cased" has no meaning with "${t}"`);
  }
  if (t === 'exists' && (c.all || c.neq))
    throw new ModifierError('"exists" takes a single boolean');
}

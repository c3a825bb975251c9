/**
 * Reads Sigma rule files and folders into plain documents.
 *
 * - Folders are walked recursively in sorted order; only `.yml` / `.yaml` files are read.
 * - A file may hold several YAML documents (`---`). Sigma 1.0 "Rule Collections" are applied:
 *   a document with `action: global` is merged into every following document, `action: reset`
 *   clears it, `action: repeat` is the previous document with this one merged over it.
 * - YAML is parsed as YAML 1.2 (the `yaml` package), so unquoted `date: 2024-01-01` stays a
 *   string, as the Sigma schema wants.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { RuleFailure } from './types.js';

export interface LoadedDoc {
  file: string;
  /** 0-based document index in the file. */
  index: number;
  doc: Record<string, unknown>;
}

export interface LoadResult {
  docs: LoadedDoc[];
  failed: RuleFailure[];
  files: number;
}

const RULE_EXT = new Set(['.yml', '.yaml']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lists rule files under the given paths (files are taken as given, whatever their name). */
export function ruleFiles(paths: readonly string[], failed: RuleFailure[]): string[] {
  const out: string[] = [];
  const visit = (p: string, top: boolean): void => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      failed.push({ file: p, reason: `cannot open: ${(e as Error).message}` });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch (e) {
        failed.push({ file: p, reason: `cannot list folder: ${(e as Error).message}` });
        return;
      }
      for (const n of names) visit(join(p, n), false);
    } else if (st.isFile() && (top || RULE_EXT.has(extname(p).toLowerCase()))) {
      out.push(p);
    }
  };
  for (const p of paths) visit(p, true);
  return out;
}

export function loadRuleFiles(paths: readonly string[]): LoadResult {
  const failed: RuleFailure[] = [];
  const docs: LoadedDoc[] = [];
  const files = ruleFiles(paths, failed);
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      failed.push({ file, reason: `cannot read: ${(e as Error).message}` });
      continue;
    }
    docs.push(...parseRuleText(text, file, failed));
  }
  return { docs, failed, files: files.length };
}

/** Parses one file's text into documents, applying rule-collection actions. */
export function parseRuleText(text: string, file: string, failed: RuleFailure[]): LoadedDoc[] {
  const out: LoadedDoc[] = [];
  let global: Record<string, unknown> | undefined;
  let previous: Record<string, unknown> | undefined;
  const parsed = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    failed.push({ file, reason: 'not a YAML document stream' });
    return out;
  }
  list.forEach((d, index) => {
    const err = d.errors[0];
    if (err) {
      failed.push({ file, document: index, reason: `YAML error: ${err.message.split('\n')[0]}` });
      return;
    }
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // yaml throws on an alias bomb ("billion laughs"); it must be a failed rule, not escape.
      failed.push({ file, document: index, reason: `YAML error: ${(e as Error).message}` });
      return;
    }
    if (value === null || value === undefined) return; // empty document (trailing `---`)
    if (!isPlainObject(value)) {
      failed.push({ file, document: index, reason: 'a rule document must be a YAML map' });
      return;
    }
    const action = value['action'];
    if (action !== undefined) {
      const rest = { ...value };
      delete rest['action'];
      if (action === 'global') {
        global = rest;
        return;
      }
      if (action === 'reset') {
        global = undefined;
        return;
      }
      if (action === 'repeat') {
        if (!previous) {
          failed.push({
            file,
            document: index,
            reason: '"action: repeat" without a previous rule',
          });
          return;
        }
        const doc = deepMerge(previous, rest);
        previous = doc;
        out.push({ file, index, doc });
        return;
      }
      failed.push({
        file,
        document: index,
        reason: `unknown collection action "${String(action)}"`,
      });
      return;
    }
    const doc = global ? deepMerge(global, value) : value;
    previous = doc;
    out.push({ file, index, doc });
  });
  return out;
}

/** Maps merge recursively; anything else in `over` replaces `base`. */
function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/**
 * `compileRules(paths)`: loads Sigma documents, validates them against the Sigma schemas and
 * compiles detection rules, global filters and correlation rules. Anything that cannot run is
 * returned in `failed` with the file and the reason.
 */
import {
  parseConditions,
  compileDetection,
  DetectionError,
  type CompiledDetection,
} from './detection.js';
import { ConditionError } from './condition.js';
import { compileCorrelation, CorrelationError } from './correlation-compile.js';
import type { ItemContext } from './detection-item.js';
import { loadRuleFiles, type LoadedDoc } from './loader.js';
import {
  describeLogsource,
  findLogsource,
  logsourceTable,
  variantConditions,
  type LogsourceEntry,
  type RuleLogsource,
} from './logsource.js';
import { buildIndex, type RuleIndex } from './rule-index.js';
import { validateSigmaDoc } from './schema.js';
import type {
  CompiledCorrelation,
  CompiledRule,
  CompiledVariant,
  Predicate,
  RuleFailure,
  RuleInfo,
} from './types.js';

export interface CompileOptions {
  /** Values for `expand` placeholders, by name without `%`. */
  placeholders?: Readonly<Record<string, readonly string[]>>;
  /** Logsource table (defaults to data/sigma-logsources.yaml). */
  logsources?: readonly LogsourceEntry[];
}

export interface SigmaRuleSet {
  rules: CompiledRule[];
  correlations: CompiledCorrelation[];
  /** Number of global filter documents applied. */
  filters: number;
  /** Rule files read. */
  files: number;
  index: RuleIndex;
}

export interface CompileResult {
  rules: SigmaRuleSet;
  failed: RuleFailure[];
}

interface FilterDoc {
  loaded: LoadedDoc;
  logsource: RuleLogsource;
  targets: Set<string>;
  detection: Record<string, unknown>;
}

const strOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function compileRules(paths: readonly string[], opts: CompileOptions = {}): CompileResult {
  const loaded = loadRuleFiles(paths);
  return compileDocs(loaded.docs, loaded.failed, loaded.files, opts);
}

/** Compiles already-parsed documents (used by compileRules and by tests). */
export function compileDocs(
  docs: readonly LoadedDoc[],
  failedIn: readonly RuleFailure[] = [],
  files = 0,
  opts: CompileOptions = {},
): CompileResult {
  const failed: RuleFailure[] = [...failedIn];
  const table = opts.logsources ?? logsourceTable();
  const ctxBase = { placeholders: opts.placeholders ?? {} };
  const fail = (d: LoadedDoc, reason: string): void => {
    const rule = strOf(d.doc['title']) ?? strOf(d.doc['id']);
    failed.push({
      file: d.file,
      reason,
      ...(rule !== undefined ? { rule } : {}),
      ...(d.index > 0 ? { document: d.index } : {}),
    });
  };

  const ruleDocs: LoadedDoc[] = [];
  const corrDocs: LoadedDoc[] = [];
  const filters: FilterDoc[] = [];
  for (const d of docs) {
    const kind =
      'correlation' in d.doc
        ? 'correlation'
        : 'detection' in d.doc
          ? 'rule'
          : 'filter' in d.doc
            ? 'filter'
            : null;
    if (kind === null) {
      fail(d, 'not a Sigma rule, correlation or filter (no detection/correlation/filter section)');
      continue;
    }
    const invalid = validateSigmaDoc(kind, schemaView(d.doc));
    if (invalid) {
      fail(d, invalid);
      continue;
    }
    if (kind === 'rule') ruleDocs.push(d);
    else if (kind === 'correlation') corrDocs.push(d);
    else {
      const f = d.doc['filter'] as Record<string, unknown>;
      const detection = { ...f };
      delete detection['rules'];
      filters.push({
        loaded: d,
        logsource: (d.doc['logsource'] ?? {}) as RuleLogsource,
        targets: new Set((f['rules'] as unknown[]).map(String)),
        detection,
      });
    }
  }

  // Check each filter's detection once so a broken filter is reported against its own file.
  const goodFilters = filters.filter((f) => {
    try {
      parseConditions(f.detection);
      return true;
    } catch (e) {
      fail(f.loaded, errorText(e));
      return false;
    }
  });

  // Which rules are referenced by correlations that do not ask to generate them.
  const hidden = new Set<string>();
  for (const c of corrDocs) {
    const corr = c.doc['correlation'] as Record<string, unknown>;
    const generate = c.doc['generate'] ?? corr['generate'];
    if (generate === true) continue;
    for (const r of (corr['rules'] as unknown[] | undefined) ?? []) hidden.add(String(r));
  }

  const rules: CompiledRule[] = [];
  for (const d of ruleDocs) {
    try {
      const rule = compileRuleDoc(d, table, ctxBase, goodFilters);
      const id = rule.info.id;
      const name = rule.info.name;
      rule.standalone = !(hidden.has(id) || (name !== undefined && hidden.has(name)));
      rules.push(rule);
    } catch (e) {
      if (e instanceof DetectionError || e instanceof ConditionError || e instanceof RuleError) {
        fail(d, e.message);
      } else throw e;
    }
  }

  const correlations: CompiledCorrelation[] = [];
  for (const d of corrDocs) {
    try {
      correlations.push(compileCorrelation(d, rules, ruleInfo(d)));
    } catch (e) {
      if (e instanceof CorrelationError) fail(d, e.message);
      else throw e;
    }
  }

  return {
    rules: { rules, correlations, filters: goodFilters.length, files, index: buildIndex(rules) },
    failed,
  };
}

/**
 * The published rule schema types `detection.condition` as a string, but the rules specification
 * ("Condition") allows a list of conditions; such a list is validated as its first element.
 */
function schemaView(doc: Record<string, unknown>): Record<string, unknown> {
  const det = doc['detection'];
  if (typeof det !== 'object' || det === null || Array.isArray(det)) return doc;
  const cond = (det as Record<string, unknown>)['condition'];
  if (!Array.isArray(cond) || cond.length === 0 || !cond.every((c) => typeof c === 'string')) {
    return doc;
  }
  return { ...doc, detection: { ...det, condition: cond[0] } };
}

class RuleError extends Error {
  override readonly name = 'RuleError';
}

export function ruleInfo(d: LoadedDoc): RuleInfo {
  const doc = d.doc;
  const tags = Array.isArray(doc['tags']) ? doc['tags'].filter((t) => typeof t === 'string') : [];
  const info: RuleInfo = {
    id: strOf(doc['id']) ?? '',
    title: strOf(doc['title']) ?? '',
    level: strOf(doc['level']) ?? '',
    tags,
    file: d.file,
  };
  const status = strOf(doc['status']);
  const author = strOf(doc['author']);
  const name = strOf(doc['name']);
  if (status !== undefined) info.status = status;
  if (author !== undefined) info.author = author;
  if (name !== undefined) info.name = name;
  return info;
}

/** A filter applies to a rule it lists (by id or name) whose logsource it covers. */
function filterApplies(f: FilterDoc, info: RuleInfo, ls: RuleLogsource): boolean {
  if (!f.targets.has(info.id) && !(info.name !== undefined && f.targets.has(info.name))) {
    return false;
  }
  const lsRec = ls as Record<string, unknown>;
  return Object.entries(f.logsource).every(([k, v]) => lsRec[k] === v);
}

function compileRuleDoc(
  d: LoadedDoc,
  table: readonly LogsourceEntry[],
  ctxBase: Pick<ItemContext, 'placeholders'>,
  filters: readonly FilterDoc[],
): CompiledRule {
  const info = ruleInfo(d);
  const detection = d.doc['detection'] as Record<string, unknown>;
  const ls = (d.doc['logsource'] ?? {}) as RuleLogsource;
  const condition = parseConditions(detection);
  const entry = findLogsource(ls, table);
  if (!entry) {
    throw new RuleError(`logsource not mapped to Windows events (${describeLogsource(ls)})`);
  }
  const applied = filters.filter((f) => filterApplies(f, info, ls));
  const variants: CompiledVariant[] = entry.variants.map((v) => {
    const ctx: ItemContext = { ...ctxBase, fieldmap: v.fieldmap ?? {} };
    const det: CompiledDetection = compileDetection(detection, ctx, condition);
    // Global filters (filters specification; applied as pySigma does: rule AND filter).
    const filterTests: Predicate[] = applied.map((f) => {
      try {
        return compileDetection(f.detection, ctx).test;
      } catch (e) {
        throw new RuleError(`global filter ${f.loaded.file}: ${errorText(e)}`);
      }
    });
    const cond = variantConditions(v);
    const parts: Predicate[] = [...(cond ? [cond] : []), det.test, ...filterTests];
    const test: Predicate = parts.length === 1 ? parts[0]! : (ev) => parts.every((p) => p(ev));
    return {
      channels: new Set(v.channels.map((c) => c.toLowerCase())),
      providers: new Set((v.providers ?? []).map((c) => c.toLowerCase())),
      eventIds: v.eventIds ? new Set(v.eventIds) : null,
      test,
      identifiers: det.identifiers,
      identifierFields: det.identifierFields,
    };
  });
  return { info, variants, standalone: true };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

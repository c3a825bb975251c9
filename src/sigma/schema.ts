/**
 * Validation of rule documents against the Sigma JSON Schemas shipped in `schemas/sigma/`
 * (copied from SigmaHQ/sigma-specification `json-schema/`, public domain; see its README).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from '../util/data-loader.js';

export type SigmaDocKind = 'rule' | 'correlation' | 'filter';

const FILES: Record<SigmaDocKind, string> = {
  rule: 'sigma-detection-rule-schema.json',
  correlation: 'sigma-correlation-rules-schema.json',
  filter: 'sigma-filters-schema.json',
};

let ajv: Ajv2020 | undefined;
const validators = new Map<SigmaDocKind, ValidateFunction>();

// ajv-formats is CommonJS; its default export arrives under `.default` when imported from ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (a: Ajv2020) => void;

function validator(kind: SigmaDocKind): ValidateFunction {
  const hit = validators.get(kind);
  if (hit) return hit;
  if (!ajv) {
    // Not strict: these are third-party schemas, validated as published.
    ajv = new Ajv2020({ allErrors: false, strict: false });
    addFormats(ajv);
  }
  const schema = JSON.parse(
    readFileSync(join(packageRoot(), 'schemas', 'sigma', FILES[kind]), 'utf8'),
  ) as Record<string, unknown>;
  // The published `$schema` ends in `#`, which Ajv does not know as the 2020-12 meta-schema id.
  delete schema['$schema'];
  const fn = ajv.compile(schema);
  validators.set(kind, fn);
  return fn;
}

/** Returns null when the document is valid, else a one-line reason. */
export function validateSigmaDoc(kind: SigmaDocKind, doc: unknown): string | null {
  const v = validator(kind);
  if (v(doc)) return null;
  const e = v.errors?.[0];
  return e ? `does not match the Sigma ${kind} schema: ${describe(e)}` : `invalid Sigma ${kind}`;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(top level)' : e.instancePath;
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${where} missing "${String(p['missingProperty'])}"`;
  if (e.keyword === 'enum') {
    return `${where} must be one of ${(p['allowedValues'] as unknown[]).join(', ')}`;
  }
  return `${where} ${e.message ?? e.keyword}`;
}

/**
 * Loads the shipped data files (`data/*.yaml`) and user files of the same shape (`--baseline FILE`),
 * validating each against a JSON Schema in `schemas/data/` before any code sees it.
 *
 * Why: catalogs, weights and lists are data, not code (ARCHITECTURE.md "data/"). A typo in a data
 * file must fail loudly at load with the file and the place of the problem, not silently change a
 * verdict later. Both YAML and JSON are accepted (JSON is a subset of YAML 1.2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument, isNode } from 'yaml';

/** A data file that could not be read, parsed or validated. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
  constructor(
    /** The file as given (absolute for shipped files). */
    readonly file: string,
    /** JSON path of the offending node, e.g. `$.locations[3].key`; `$` for whole-file problems. */
    readonly jsonPath: string,
    /** What is wrong, without the file and path. */
    readonly reason: string,
    /** 1-based line in the file when known. */
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${jsonPath}: ${reason}`);
  }
}

let rootCache: string | undefined;

/**
 * The package root: the nearest ancestor of this module holding both `data/` and `schemas/`.
 * Walking up (instead of a fixed `../..`) works from `src/util/` under tsx and from `dist/util/`.
 */
export function packageRoot(): string {
  if (rootCache !== undefined) return rootCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'data')) && existsSync(join(dir, 'schemas', 'data'))) {
      rootCache = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir)
      throw new DataFileError(
        fileURLToPath(import.meta.url),
        '$',
        'cannot find the package root (data/ and schemas/data/)',
      );
    dir = up;
  }
}

const ajv = new Ajv2020({ allErrors: false, strict: true });
const validators = new Map<string, ValidateFunction>();

function validatorFor(schemaName: string): ValidateFunction {
  const hit = validators.get(schemaName);
  if (hit) return hit;
  const file = join(packageRoot(), 'schemas', 'data', schemaName);
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataFileError(file, '$', `cannot read schema: ${(e as Error).message}`);
  }
  let fn: ValidateFunction;
  try {
    fn = ajv.compile(schema as object);
  } catch (e) {
    throw new DataFileError(file, '$', `invalid schema: ${(e as Error).message}`);
  }
  validators.set(schemaName, fn);
  return fn;
}

/** `/locations/3/key` (JSON Pointer, RFC 6901) → segments `['locations', 3, 'key']`. */
function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** Segments → `$.locations[3].key` (quoted when a key is not a plain identifier). */
export function jsonPathOf(segments: readonly (string | number)[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

function describe(err: ErrorObject): { segments: (string | number)[]; reason: string } {
  const segments = pointerSegments(err.instancePath);
  const p = err.params as Record<string, unknown>;
  // Name the missing/extra property in the path itself: the user wants to know *where*.
  if (err.keyword === 'required' && typeof p['missingProperty'] === 'string') {
    return { segments, reason: `missing required property "${p['missingProperty']}"` };
  }
  if (err.keyword === 'additionalProperties' && typeof p['additionalProperty'] === 'string') {
    return { segments: [...segments, p['additionalProperty']], reason: 'unknown property' };
  }
  if (err.keyword === 'enum' && Array.isArray(p['allowedValues'])) {
    return {
      segments,
      reason: `must be one of ${p['allowedValues'].map((v) => JSON.stringify(v)).join(', ')}`,
    };
  }
  return { segments, reason: err.message ?? err.keyword };
}

/**
 * Parses YAML/JSON text and validates it. `label` names the file in errors.
 * Exported for user files given on the command line and for tests.
 */
export function parseDataText<T>(text: string, schemaName: string, label: string): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new DataFileError(
      label,
      '$',
      `not valid YAML/JSON: ${first.message.split('\n')[0] ?? ''}`,
      line,
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const validate = validatorFor(schemaName);
  if (!validate(value)) {
    const err = validate.errors?.[0];
    if (!err) throw new DataFileError(label, '$', 'does not match its schema');
    const { segments, reason } = describe(err);
    // Point at the line of the offending node (or its nearest existing ancestor).
    let line: number | undefined;
    for (let n = segments.length; n >= 0 && line === undefined; n--) {
      const node = doc.getIn(segments.slice(0, n), true);
      if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
    }
    throw new DataFileError(label, jsonPathOf(segments), `${reason} (schema ${schemaName})`, line);
  }
  return value as T;
}

/** Reads and validates a file at any path (user files such as `--baseline FILE`). Not cached. */
export function loadDataFileAt<T>(path: string, schemaName: string): T {
  return parseDataText<T>(readText(path), schemaName, path);
}

const fileCache = new Map<string, unknown>();

/**
 * One shipped data file as it was validated when the package was built: its text, its schema's
 * text, and the value they gave. (The texts themselves, not digests: comparing 100 KB of text
 * costs less than loading a hash implementation at start-up, and is exact.)
 */
export interface ValidatedEntry {
  text: string;
  schema: string;
  value: unknown;
}

/** `dist/validated-data.json`: written by `npm run build` (scripts/snapshot-data.mjs). */
export const VALIDATED_SNAPSHOT = 'validated-data.json';

let snapshotCache: ReadonlyMap<string, ValidatedEntry> | null | undefined;

/**
 * The build's snapshot, next to the compiled modules (`dist/`); null when absent or unreadable
 * (running from sources under tsx, or a damaged install): every file is then validated here.
 */
function validatedSnapshot(): ReadonlyMap<string, ValidatedEntry> | null {
  if (snapshotCache !== undefined) return snapshotCache;
  snapshotCache = null;
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', VALIDATED_SNAPSHOT);
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { entries?: unknown };
    if (parsed.entries && typeof parsed.entries === 'object') {
      snapshotCache = new Map(Object.entries(parsed.entries as Record<string, ValidatedEntry>));
    }
  } catch {
    // No snapshot: validate at load (the result is the same, only slower).
  }
  return snapshotCache;
}

const schemaTexts = new Map<string, string>();

function schemaText(schemaName: string): string {
  let text = schemaTexts.get(schemaName);
  if (text === undefined) {
    const file = join(packageRoot(), 'schemas', 'data', schemaName);
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new DataFileError(file, '$', `cannot read schema: ${(e as Error).message}`);
    }
    schemaTexts.set(schemaName, text);
  }
  return text;
}

function cacheKey(name: string, schemaName: string): string {
  return `${name}\u0000${schemaName}`;
}

/**
 * Reads `data/<name>` and validates it, returning what a snapshot stores of it.
 * `npm run build` calls this for every shipped file; a file that does not validate fails the build.
 */
export function validateShippedFile(
  name: string,
  schemaName: string,
): { key: string; entry: ValidatedEntry } {
  const path = resolve(packageRoot(), 'data', name);
  const text = readText(path);
  return {
    key: cacheKey(name, schemaName),
    entry: {
      text,
      schema: schemaText(schemaName),
      value: parseDataText<unknown>(text, schemaName, path),
    },
  };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new DataFileError(path, '$', `cannot read: ${(e as Error).message}`);
  }
}

/**
 * Loads `data/<name>` from the package root, validated against `schemas/data/<schemaName>`.
 * Cached per file: callers may call it on every use. Treat the result as read-only.
 *
 * Parsing the YAML and compiling the JSON Schemas cost about 0.3 s per process, more than a
 * small hunt. So the build validates the shipped files once and stores the values with the
 * file and schema texts; a file whose text and schema are still the same has been validated
 * already and its stored value is used. After any edit (of the data file or the schema) the
 * texts differ, and the file is parsed and validated here as usual.
 */
export function loadDataFile<T>(name: string, schemaName: string): T {
  const key = cacheKey(name, schemaName);
  if (fileCache.has(key)) return fileCache.get(key) as T;
  const path = resolve(packageRoot(), 'data', name);
  const text = readText(path);
  const snap = validatedSnapshot()?.get(key);
  const value =
    snap && snap.text === text && snap.schema === schemaText(schemaName)
      ? (snap.value as T)
      : parseDataText<T>(text, schemaName, path);
  fileCache.set(key, value);
  return value;
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Finding, Report } from '../model/finding.js';
import { generateRules, TARGETS, type Target } from '../emit/rules/index.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { terminalSafe } from './terminal-safe.js';

/** `--target` values: one of TARGETS, a comma-separated list, or `all`. */
export function parseTargets(values: readonly string[] | undefined): Target[] {
  const raw = (values ?? ['sigma']).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  if (raw.includes('all')) return [...TARGETS];
  const bad = raw.filter((t) => !(TARGETS as readonly string[]).includes(t));
  if (bad.length > 0) {
    throw new UsageError(`unknown --target '${bad.join(', ')}': use ${TARGETS.join(', ')} or all`);
  }
  return [...new Set(raw)] as Target[];
}

/**
 * Writes one file per generated rule and target into `dir`. File names come from the generator's
 * slug (`[a-z0-9_]`, the rule id and a fixed extension), and each path is checked to stay inside
 * `dir`: values written by an attacker never choose where a file goes.
 */
export function writeRules(
  findings: readonly Finding[],
  dir: string,
  targets: readonly Target[],
): string[] {
  const out = generateRules(findings, { targets });
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const written: string[] = [];
  for (const r of out.rules) {
    const file = resolve(join(root, r.fileName));
    if (!file.startsWith(root + sep) || !/^[a-z0-9_.-]+$/.test(r.fileName)) {
      throw new Error(`refusing to write rule file outside ${root}: ${r.fileName}`);
    }
    writeFileSync(file, r.text);
    written.push(file);
  }
  for (const s of out.skipped) {
    const what = 'finding' in s ? `finding ${s.finding}` : `rule ${s.rule} (${s.target})`;
    process.stderr.write(terminalSafe(`runhunt: no rule for ${what}: ${s.reason}`) + '\n');
  }
  return written;
}

/** `runhunt rules <report.json> --target ... [-o DIR]` */
export async function rulesCommand(
  reportPath: string,
  o: { target?: string[]; output?: string },
): Promise<number> {
  const targets = parseTargets(o.target);
  let report: Report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
  } catch (err) {
    process.stderr.write(
      `runhunt: cannot read report ${reportPath}: ${err instanceof Error ? err.message : String(err)}\n` +
        'runhunt: give the JSON written by `runhunt hunt --format json -o report.json`\n',
    );
    return EXIT.USAGE;
  }
  if (report.schemaVersion !== 1 || !Array.isArray(report.findings)) {
    process.stderr.write(`runhunt: ${reportPath} is not a runhunt report (schemaVersion 1)\n`);
    return EXIT.USAGE;
  }
  if (o.output) {
    const files = writeRules(report.findings, o.output, targets);
    process.stderr.write(`runhunt: wrote ${files.length} rule file(s) to ${o.output}\n`);
    return EXIT.OK;
  }
  const out = generateRules(report.findings, { targets });
  for (const r of out.rules) process.stdout.write(`# ${r.target}: ${r.fileName}\n${r.text}\n`);
  return EXIT.OK;
}

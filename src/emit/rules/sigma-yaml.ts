/**
 * Renders a rule tree as Sigma YAML, in SigmaHQ's conventions (sigmahq-rule-convention.md): key
 * order title, id, status, description, references, author, date, tags, logsource, detection,
 * falsepositives, level; 4-space indent; single-quoted strings.
 *
 * Escaping (rules specification "Escape Character"): a literal `*` or `?` is written `\*`, `\?`;
 * a literal backslash is written `\\` only where a single one would escape what follows (before
 * `*`, `?`, `\` or a wildcard), so paths keep SigmaHQ's single backslashes (`C:\Windows\x.exe`).
 */
import { ANY, ONE, type SigmaString } from '../../sigma/sigma-string.js';
import type { FieldItem, RuleTree } from './tree.js';

/** Writes a Sigma string back to rule syntax (inverse of parseSigmaString). */
export function sigmaValueText(s: SigmaString): string {
  // Flatten into tokens so "what follows" is known across parts.
  const toks: (string | typeof ANY | typeof ONE)[] = [];
  for (const p of s) {
    if (typeof p === 'string') for (const c of p) toks.push(c);
    else toks.push(p);
  }
  let out = '';
  toks.forEach((t, i) => {
    if (t === ANY) out += '*';
    else if (t === ONE) out += '?';
    else if (t === '*' || t === '?') out += '\\' + t;
    else if (t === '\\') {
      const next = toks[i + 1];
      const special = next === ANY || next === ONE || next === '*' || next === '?' || next === '\\';
      out += special ? '\\\\' : '\\';
    } else out += t;
  });
  return out;
}

/** YAML single-quoted scalar. */
export function yamlQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function itemLines(item: FieldItem, indent: string): string[] {
  if (item.op === 'null') return [`${indent}${item.field}: null`];
  const key = [item.field, item.op === 'equals' ? '' : item.op, item.all ? 'all' : '']
    .filter((x) => x !== '')
    .join('|');
  const vals = item.values.map((v) => yamlQuote(sigmaValueText(v)));
  if (vals.length === 1) return [`${indent}${key}: ${vals[0]}`];
  return [`${indent}${key}:`, ...vals.map((v) => `${indent}    - ${v}`)];
}

export function renderSigmaYaml(rule: RuleTree): string {
  const lines: string[] = [
    `title: ${yamlQuote(rule.title)}`,
    `id: ${rule.id}`,
    `status: ${rule.status}`,
    `description: ${yamlQuote(rule.description)}`,
    `author: ${yamlQuote(rule.author)}`,
    `date: ${rule.date}`,
  ];
  if (rule.tags.length > 0) lines.push('tags:', ...rule.tags.map((t) => `    - ${t}`));
  lines.push(
    'logsource:',
    `    category: ${rule.logsource.category}`,
    `    product: ${rule.logsource.product}`,
  );
  lines.push('detection:');
  for (const [name, items] of Object.entries(rule.selections)) {
    lines.push(`    ${name}:`, ...items.flatMap((i) => itemLines(i, '        ')));
  }
  lines.push(`    condition: ${rule.condition}`);
  if (rule.falsepositives.length > 0) {
    lines.push('falsepositives:', ...rule.falsepositives.map((f) => `    - ${yamlQuote(f)}`));
  }
  lines.push(`level: ${rule.level}`);
  return lines.join('\n') + '\n';
}

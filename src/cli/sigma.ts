/**
 * `runhunt sigma --rules PATH... <logs...> [--format json|table]`: runs Sigma rules over logs.
 * JSON output is the ARCHITECTURE.md `sigma --format json` contract, streamed (matches are written
 * as events are read; correlation matches follow at the end).
 */
import type { InputSummary, RawEvent } from '../model/events.js';
import { readInputs } from '../ingest/read-inputs.js';
import { compileRules, SigmaSession, wantedByRules } from '../sigma/index.js';
import type { CorrelationMatch, RuleFailure, RuleInfo, RuleMatch } from '../sigma/index.js';
import { EXIT } from './exit-codes.js';
import { exitCodeFor, printInputIssues } from './issues.js';
import { createWriter } from './output.js';
import { terminalSafe } from './terminal-safe.js';

export interface SigmaCommandOptions {
  format: 'json' | 'table';
}

function ruleJson(r: RuleInfo): Record<string, unknown> {
  return {
    id: r.id,
    title: r.title,
    level: r.level,
    tags: r.tags,
    ...(r.author !== undefined ? { author: r.author } : {}),
    file: r.file,
  };
}

function eventJson(e: RawEvent): Record<string, unknown> {
  return {
    file: e.source,
    eventRecordId: e.recordId,
    eventId: e.eventId,
    timeCreated: e.timeCreated,
    computer: e.computer,
    eventData: e.data,
  };
}

function matchJson(m: RuleMatch): string {
  return JSON.stringify({
    rule: ruleJson(m.rule),
    event: eventJson(m.event),
    evidence: m.evidence,
  });
}

function correlationJson(c: CorrelationMatch): string {
  const last = c.events[c.events.length - 1];
  return JSON.stringify({
    rule: ruleJson(c.rule),
    event: last ? eventJson(last.event) : null,
    correlation: {
      type: c.type,
      group: c.group,
      value: c.value,
      events: c.events.map((m) => ({
        ruleId: m.rule.id,
        file: m.event.source,
        eventRecordId: m.event.recordId,
        eventId: m.event.eventId,
        timeCreated: m.event.timeCreated,
      })),
    },
  });
}

function failureText(f: RuleFailure): string {
  const doc = f.document !== undefined ? ` (document ${f.document + 1})` : '';
  return `runhunt: rule ${f.file}${doc}: ${f.reason}`;
}

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);
const pad = (s: string, n: number): string => clip(s, n).padEnd(n);

function tableRow(
  time: string,
  level: string,
  title: string,
  eid: string,
  host: string,
  what: string,
): string {
  return terminalSafe(
    [pad(time, 20), pad(level, 13), pad(title, 50), pad(eid, 6), pad(host, 24), what]
      .join(' ')
      .trimEnd(),
  );
}

/** `2025-10-22T20:35:26.0432848Z` → `2025-10-22 20:35:26Z` (the table keeps seconds). */
const shortTime = (iso: string): string =>
  iso.length >= 19 ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z` : iso;

function matchRow(m: RuleMatch): string {
  const what = Object.entries(m.evidence.fields)
    .map(([k, v]) => `${k}=${clip(v, 80)}`)
    .join(' ');
  return tableRow(
    shortTime(m.event.timeCreated),
    m.rule.level,
    m.rule.title,
    String(m.event.eventId),
    m.event.computer,
    what,
  );
}

function correlationRow(c: CorrelationMatch): string {
  const last = c.events[c.events.length - 1]?.event;
  const group = Object.entries(c.group)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return tableRow(
    shortTime(last?.timeCreated ?? ''),
    c.rule.level,
    c.rule.title,
    'corr',
    last?.computer ?? '',
    `${c.type}=${c.value} over ${c.events.length} events ${group}`.trim(),
  );
}

export async function sigmaCommand(
  rulePaths: string[],
  logPaths: string[],
  opts: SigmaCommandOptions,
): Promise<number> {
  const { rules, failed } = compileRules(rulePaths);
  for (const f of failed) process.stderr.write(terminalSafe(failureText(f)) + '\n');
  const loaded = rules.rules.length + rules.correlations.length;
  if (loaded === 0) {
    process.stderr.write('runhunt: no Sigma rule could be loaded\n');
    return EXIT.USAGE;
  }

  const inputs: InputSummary[] = [];
  const onInput = (s: InputSummary): void => {
    inputs.push(s);
    printInputIssues(s);
  };
  const out = createWriter(process.stdout);
  const session = new SigmaSession(rules);
  // Fast path: events of EventIDs no loaded rule can match are skipped after their System ids.
  const want = wantedByRules(rules.index);
  const readOpts = { onInput, ...(want ? { want } : {}) };
  let count = 0;

  if (opts.format === 'json') {
    const failedJson = JSON.stringify(failed);
    await out.write(`{"rulesLoaded":${loaded},"rulesFailed":${failedJson},"matches":[`);
    for (const e of readInputs(logPaths, readOpts)) {
      for (const m of session.feed(e)) {
        await out.write((count++ === 0 ? '\n' : ',\n') + matchJson(m));
      }
    }
    for (const c of session.finish()) {
      await out.write((count++ === 0 ? '\n' : ',\n') + correlationJson(c));
    }
    await out.write(count === 0 ? ']}\n' : '\n]}\n');
  } else {
    await out.write(tableRow('TIME', 'LEVEL', 'RULE', 'EID', 'COMPUTER', 'EVIDENCE') + '\n');
    for (const e of readInputs(logPaths, readOpts)) {
      for (const m of session.feed(e)) {
        count++;
        await out.write(matchRow(m) + '\n');
      }
    }
    for (const c of session.finish()) {
      count++;
      await out.write(correlationRow(c) + '\n');
    }
  }
  await out.end();
  process.stderr.write(
    `runhunt: ${loaded} Sigma rules loaded, ${failed.length} not loaded; ${count} matches\n`,
  );

  const inputCode = exitCodeFor(inputs);
  if (inputCode === EXIT.USAGE) return EXIT.USAGE;
  return failed.length > 0 ? EXIT.INPUT_PROBLEMS : inputCode;
}

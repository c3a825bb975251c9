import type { InputIssue } from '../../model/events.js';
import { ISSUES_PER_CODE } from '../issue-limiter.js';

/**
 * The text readers' policy for repeated issues (issue-limiter.ts) for EVTX: the first `perCode`
 * issues of each code are reported as they come, the rest only counted, in one summary issue per
 * code at the end. Unlike a bare count, the summary keeps the accounting whole: it carries the
 * bytes the suppressed issues skipped (`skippedBytes`), so the skipped bytes of an input add up
 * the same with or without the cap. A damaged chunk can otherwise print one line per record (82
 * `empty-record` lines for the corpus' `sample_with_a_bad_chunk_magic.evtx`).
 */
export class IssueCap {
  private readonly counts = new Map<string, { n: number; skipped: number }>();

  constructor(
    private readonly onIssue: (i: InputIssue) => void,
    private readonly perCode = ISSUES_PER_CODE,
  ) {}

  report(issue: InputIssue): void {
    let c = this.counts.get(issue.code);
    if (c === undefined) this.counts.set(issue.code, (c = { n: 0, skipped: 0 }));
    c.n++;
    if (c.n <= this.perCode) this.onIssue(issue);
    else c.skipped += issue.skippedBytes ?? 0;
  }

  /** Reports one summary per code that went over the cap (codes in order of first sight). */
  flush(): void {
    for (const [code, { n, skipped }] of this.counts) {
      if (n <= this.perCode) continue;
      const more = n - this.perCode;
      const summary: InputIssue = {
        code,
        offset: null,
        message:
          `${more} more "${code}" issues in this input (${n} in all)` +
          (skipped > 0 ? `; together they skipped ${skipped} bytes` : ''),
      };
      if (skipped > 0) summary.skippedBytes = skipped;
      this.onIssue(summary);
    }
    this.counts.clear();
  }
}

/**
 * The capped form of a complete issue list: what one capped pass reports. Chunk ranges of one
 * file read apart (parallel hunting) are capped after their issues are concatenated in range
 * order, so the result does not depend on how the file was split.
 */
export function capIssues(issues: readonly InputIssue[], perCode = ISSUES_PER_CODE): InputIssue[] {
  const out: InputIssue[] = [];
  const cap = new IssueCap((i) => out.push(i), perCode);
  for (const i of issues) cap.report(i);
  cap.flush();
  return out;
}

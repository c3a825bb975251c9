import type { InputIssue } from '../model/events.js';

/** Issues of one code reported individually per input before they are only counted. */
export const ISSUES_PER_CODE = 20;

/**
 * Caps repeated issues: a file of 50,000 records in an unknown layout should produce a handful
 * of clear messages and one count, not 50,000 lines. `flush()` reports the counts at the end.
 */
export class IssueLimiter {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly onIssue: (i: InputIssue) => void,
    private readonly perCode = ISSUES_PER_CODE,
  ) {}

  report(issue: InputIssue): void {
    const n = (this.counts.get(issue.code) ?? 0) + 1;
    this.counts.set(issue.code, n);
    if (n <= this.perCode) this.onIssue(issue);
  }

  flush(): void {
    for (const [code, n] of this.counts) {
      if (n > this.perCode) {
        this.onIssue({
          code,
          offset: null,
          message: `${n - this.perCode} more "${code}" issues in this input (${n} in all)`,
        });
      }
    }
    this.counts.clear();
  }
}

/** Exit codes shared by every command (ARCHITECTURE.md). */
export const EXIT = {
  /** The run completed, whatever it found. */
  OK: 0,
  /** Completed, but some input had problems (all reported). */
  INPUT_PROBLEMS: 1,
  /** Usage error, or nothing could be read. */
  USAGE: 2,
  /** A finding reached the --fail-on threshold. */
  FAIL_ON: 3,
} as const;

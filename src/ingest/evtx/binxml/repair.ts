/**
 * Damage the decoder reads through instead of dropping the record (docs/robustness.md, fault
 * table). Every repair is reported with the record it affects, so an event recovered this way is
 * never mistaken for an intact one.
 */
export interface Repair {
  /** An `InputIssue.code` listed in EVTX_ISSUE_CODES. */
  code: 'damaged-name' | 'damaged-binxml' | 'damaged-value';
  /** Chunk-relative offset of the damage (it may lie in a template another record defined). */
  offset: number;
  /** What was damaged and what was done about it. */
  detail: string;
}

export const NO_REPAIRS: readonly Repair[] = [];

/**
 * The name a damaged element, attribute or entity name is rendered as: a valid XML name (so the
 * event XML still parses) that says where the damage is, as a file offset.
 */
export function damagedNameAt(fileOffset: number): string {
  return `_damaged_name_at_0x${fileOffset.toString(16)}`;
}

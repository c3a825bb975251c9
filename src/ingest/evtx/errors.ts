import { hex32 } from '../../util/hex.js';

/**
 * Stable codes for everything that can go wrong while decoding EVTX. They double as the
 * `InputIssue.code` values the reader reports, so tests and users can match on them.
 */
export type EvtxErrorCode =
  | 'truncated'
  | 'bad-file-magic'
  | 'bad-chunk-magic'
  | 'bad-record-signature'
  | 'bad-record-size'
  | 'invalid-token'
  | 'invalid-value-type'
  | 'invalid-value'
  | 'bad-name'
  | 'missing-template'
  | 'limit-exceeded';

/** A decoding failure at a known byte offset (relative to the start of the file). */
export class EvtxParseError extends Error {
  override readonly name = 'EvtxParseError';
  readonly code: EvtxErrorCode;
  /** Offset of the failure; chunk-relative while a chunk is decoded, file-relative once rethrown. */
  readonly offset: number;

  constructor(code: EvtxErrorCode, offset: number, detail: string) {
    super(`Offset ${hex32(offset)}: ${detail}`);
    this.code = code;
    this.offset = offset;
  }
}

/** Thrown by a bounds check: `what` names the field being read. */
export function truncated(
  what: string,
  offset: number,
  need: number,
  have: number,
): EvtxParseError {
  return new EvtxParseError(
    'truncated',
    offset,
    `buffer too small for ${what} (need ${need} bytes, have ${Math.max(0, have)})`,
  );
}

/**
 * Every issue code the EVTX reader reports (docs/evtx-format.md, "Self-healing"): the decoding
 * errors above plus the damage it reads through. Tests check that nothing else is ever reported.
 */
export const EVTX_ISSUE_CODES: ReadonlySet<string> = new Set([
  'truncated',
  'bad-file-magic',
  'file-header-crc-mismatch',
  'bad-chunk-magic',
  'truncated-chunk',
  'chunk-header-crc-mismatch',
  'records-crc-mismatch',
  'bad-free-space-offset',
  'bad-record-signature',
  'bad-record-size',
  'zeroed-records',
  'invalid-token',
  'invalid-value-type',
  'invalid-value',
  'bad-name',
  'missing-template',
  'empty-record',
  // Damage read through: the record is yielded and the issue says what was repaired.
  'damaged-name',
  'damaged-binxml',
  'damaged-value',
  'limit-exceeded',
]);

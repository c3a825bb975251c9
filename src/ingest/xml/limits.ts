/**
 * Size limits for event XML (issue 4: "size limits on"). An event larger than this is not a
 * Windows event (the EVTX record limit is 64 KiB of BinXML; rendered XML stays well under 1 MiB),
 * so the reader reports and skips it instead of buffering a damaged file whole.
 */
export const XML_LIMITS = {
  /** Largest `<Event>...</Event>` element, in UTF-16 code units. */
  maxEventChars: 16 << 20,
  /** Deepest element nesting inside one event. */
  maxDepth: 64,
  /** Most EventData/UserData fields in one event. */
  maxFields: 4096,
} as const;

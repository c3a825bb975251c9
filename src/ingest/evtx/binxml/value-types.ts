/** MS-EVEN6 §2.2.18 value types (libyal "Value types"); `| ARRAY_FLAG` makes an array of each. */
export const VALUE_TYPE = {
  NULL: 0x00,
  STRING: 0x01,
  ANSI_STRING: 0x02,
  INT8: 0x03,
  UINT8: 0x04,
  INT16: 0x05,
  UINT16: 0x06,
  INT32: 0x07,
  UINT32: 0x08,
  INT64: 0x09,
  UINT64: 0x0a,
  REAL32: 0x0b,
  REAL64: 0x0c,
  BOOL: 0x0d,
  BINARY: 0x0e,
  GUID: 0x0f,
  SIZE_T: 0x10,
  FILETIME: 0x11,
  SYSTEMTIME: 0x12,
  SID: 0x13,
  HEX_INT32: 0x14,
  HEX_INT64: 0x15,
  EVT_HANDLE: 0x20,
  BINXML: 0x21,
  EVT_XML: 0x23,
} as const;

export const ARRAY_FLAG = 0x80;

/**
 * Bytes per item of the fixed-size types, 0 for variable-size ones (strings, SID, binary).
 * SIZE_T is pointer-sized; arrays of it are split by 8 when the size allows (libyal notes).
 */
export const FIXED_ITEM_BYTES: Readonly<Record<number, number>> = {
  [VALUE_TYPE.INT8]: 1,
  [VALUE_TYPE.UINT8]: 1,
  [VALUE_TYPE.INT16]: 2,
  [VALUE_TYPE.UINT16]: 2,
  [VALUE_TYPE.INT32]: 4,
  [VALUE_TYPE.UINT32]: 4,
  [VALUE_TYPE.INT64]: 8,
  [VALUE_TYPE.UINT64]: 8,
  [VALUE_TYPE.REAL32]: 4,
  [VALUE_TYPE.REAL64]: 8,
  [VALUE_TYPE.BOOL]: 4,
  [VALUE_TYPE.GUID]: 16,
  [VALUE_TYPE.FILETIME]: 8,
  [VALUE_TYPE.SYSTEMTIME]: 16,
  [VALUE_TYPE.HEX_INT32]: 4,
  [VALUE_TYPE.HEX_INT64]: 8,
};

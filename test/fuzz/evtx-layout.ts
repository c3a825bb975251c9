/**
 * Where things are in an intact EVTX file, found independently of the reader under test: chunk
 * bases and record extents (libyal "Windows XML Event Log (EVTX)" §3-§4). The mutator aims at
 * these structures and the "nothing lost" check compares against them.
 */
export interface RecordExtent {
  offset: number;
  size: number;
}

export interface EvtxLayout {
  chunks: number[];
  records: RecordExtent[];
}

const CHUNK = 65536;

export function evtxLayout(b: Uint8Array): EvtxLayout {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const chunks: number[] = [];
  const records: RecordExtent[] = [];
  for (let base = 4096; base + 512 <= b.length; base += CHUNK) {
    if (view.getUint32(base, true) !== 0x43666c45) continue; // "ElfC"
    chunks.push(base);
    const free = Math.min(view.getUint32(base + 48, true), CHUNK, b.length - base);
    let off = 512;
    while (off + 28 <= free && view.getUint32(base + off, true) === 0x2a2a) {
      const size = view.getUint32(base + off + 4, true);
      if (size < 28 || off + size > free) break;
      records.push({ offset: base + off, size });
      off += size;
    }
  }
  return { chunks, records };
}

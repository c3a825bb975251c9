#!/usr/bin/env python3
"""Rebuilds the small EVTX samples in this folder from the shared corpus (see README.md).

Each sample is one chunk copied byte for byte out of a public log, behind a fresh file header
(chunk count 1, clean flags, CRC32 recomputed). Chunks are self-contained (own string and
template tables, own CRCs), so the result is a well-formed log.
Usage: python3 make-samples.py [CORPUS_DIR]   (default: ../../../../shared/corpus)
"""
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', '..', 'shared', 'corpus')
CHUNK = 65536

SAMPLES = [
    # (output name, corpus file, chunk index)
    ('sysmon-one-chunk.evtx', 'benign/omerbenamram-evtx/sysmon.evtx', 0),
    ('system-one-chunk.evtx', 'benign/omerbenamram-evtx/system.evtx', 1),
]


def one_chunk_file(src, index):
    data = open(src, 'rb').read()
    chunk = data[4096 + index * CHUNK:4096 + (index + 1) * CHUNK]
    assert chunk[:8] == b'ElfChnk\x00', 'not a chunk'
    last_id = struct.unpack_from('<Q', chunk, 32)[0]
    header = bytearray(4096)
    header[0:8] = b'ElfFile\x00'
    struct.pack_into('<QQQIHHHH', header, 8, 0, 0, last_id + 1, 128, 1, 3, 4096, 1)
    struct.pack_into('<I', header, 120, 0)
    struct.pack_into('<I', header, 124, zlib.crc32(bytes(header[:120])))
    return bytes(header) + chunk


def main():
    for name, rel, index in SAMPLES:
        out = one_chunk_file(os.path.join(CORPUS, rel), index)
        with open(os.path.join(HERE, name), 'wb') as f:
            f.write(out)
        print(name, len(out))


if __name__ == '__main__':
    main()

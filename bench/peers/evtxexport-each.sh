#!/bin/sh
# libevtx's evtxexport over many files, one process per file (it takes one file); a file it
# gives up on is named on stderr as "BENCH-FAIL path" and the loop goes on.
for f in "$@"; do
  evtxexport -f xml "$f" 2>/dev/null || echo "BENCH-FAIL $f" >&2
done

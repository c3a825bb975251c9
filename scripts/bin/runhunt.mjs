#!/usr/bin/env node
// The `runhunt` bin (copied to dist/bundle/ by scripts/bundle.mjs). It runs the bundled CLI,
// dist/bundle/runhunt.cjs, through V8's code cache (runhunt.cjs.cache, written by the build):
// compiled code is read back instead of parsing and compiling 1.3 MB of JavaScript at every
// start (a hunt of test/samples/hunt: 0.24 s to 0.20 s, medians of 6 runs). A cache that does not
// fit this Node.js (another V8 version or flags) is ignored by V8 and the script is compiled as
// usual; a missing one is the same.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// V8 accepts a cache only under the flags it was made with. The CLI sets these itself while it
// runs (src/sigma/regex-guard.ts, src/cli/heap-governor.ts), so the cache, written at the end of
// a run, is made under them: set them before loading it.
for (const flag of [
  '--enable-experimental-regexp-engine-on-excessive-backtracks',
  '--enable-experimental-regexp-engine',
  '--semi-space-growth-factor=1',
  '--expose-gc',
]) {
  try {
    setFlagsFromString(flag);
  } catch {
    // An engine without the flag: the cache is then rejected, which only costs the compile.
  }
}

const file = fileURLToPath(new URL('./runhunt.cjs', import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const source = readFileSync(file, 'utf8');
// The compiled CLI keeps its `#!` line, which only a file run by node itself may have.
const script = new Script(Module.wrap(source.startsWith('#!') ? `//${source.slice(2)}` : source), {
  filename: file,
  ...(cachedData ? { cachedData } : {}),
});
// Whether V8 took the cache (the bundle test checks that the build's cache fits its flags).
if (process.env.RUNHUNT_CODE_CACHE_REPORT === '1') {
  const state = !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  process.stderr.write(`runhunt: code cache ${state}\n`);
}
// The build (scripts/bundle.mjs) runs a hunt with this set and keeps what V8 compiled by the end.
if (process.env.RUNHUNT_WRITE_CODE_CACHE === '1') {
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
// The young generation may grow as V8 sees fit until the CLI decides (heap-governor.ts): the
// flag above was only for the cache check, which is done. (2 is V8's default.)
try {
  setFlagsFromString('--semi-space-growth-factor=2');
} catch {
  // As above.
}
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));

#!/usr/bin/env node
// Coverage-guided fuzzing of the EVTX reader (`node scripts/fuzz-coverage.mjs --seconds 300`).
//
// Why not Jazzer.js: @jazzer.js/core 4.0.0 installs from npm here, but its shipped Linux x64
// addon needs glibc 2.38 (this machine has 2.36), and 2.1.0 downloads its addon from GitHub at
// install time. So the feedback comes from V8 itself: the inspector's precise block coverage
// (Profiler.takePreciseCoverage, which also resets the counters) after every execution. An
// input that reaches a block of src/ingest/evtx/ not reached before, or a block a number of
// times in a new AFL-style bucket, joins the queue and is mutated further. Mutations: the
// structure-aware ones of test/fuzz/evtx-mutate.ts (chunk/record headers, template pointers,
// BinXML counts, CRCs) when the input still has a readable layout, byte-level havoc otherwise.
// Contract checked (test/fuzz/check-evtx.ts, without the nothing-lost part, which needs the
// intact original): the reader never throws, reports only known issue codes, offsets in range.
//
// The fuzzing runs in a worker; the current input sits in shared memory so that when one
// execution stalls (no progress for --stall seconds) the main thread can save it and stop.
// Findings go to /tmp/runhunt-fuzz-coverage/ (inputs that failed or stalled); statistics are
// printed as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clearInterval, setInterval } from 'node:timers';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const OUT = '/tmp/runhunt-fuzz-coverage';
const MAX_INPUT = 4 << 20;

if (isMainThread) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '120' },
      seed: { type: 'string', default: String(Date.now() % 1e9) },
      corpus: { type: 'boolean', default: false },
      stall: { type: 'string', default: '30' },
      // For comparison: mutate the seeds only, never what coverage found (plain mutation).
      'no-feedback': { type: 'boolean', default: false },
    },
  });
  const shared = new SharedArrayBuffer(MAX_INPUT + 8);
  const worker = new Worker(new URL(import.meta.url), {
    workerData: {
      seconds: Number(values.seconds),
      seed: Number(values.seed),
      corpus: values.corpus,
      feedback: !values['no-feedback'],
      shared,
    },
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  let last = Date.now();
  let stats = null;
  worker.on('message', (m) => {
    last = Date.now();
    if (m.type === 'stats') stats = m.stats;
  });
  const watchdog = setInterval(() => {
    if (Date.now() - last < Number(values.stall) * 1000) return;
    const len = new Int32Array(shared, 0, 1)[0];
    const input = new Uint8Array(shared, 8, len).slice();
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, `stall-${values.seed}.evtx`), input);
    console.error(`fuzz-coverage: an execution stalled; input saved to ${OUT}`);
    void worker.terminate();
  }, 1000);
  worker.on('error', (err) => console.error('fuzz-coverage: worker failed:', err));
  worker.on('exit', (code) => {
    clearInterval(watchdog);
    if (stats) console.log(JSON.stringify(stats, null, 2));
    process.exitCode = stats && stats.failures === 0 && code === 0 ? 0 : 1;
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { Session } = await import('node:inspector');
  const { readFileSync } = await import('node:fs');
  const { checkEvtx } = await import('../test/fuzz/check-evtx.ts');
  const { evtxLayout } = await import('../test/fuzz/evtx-layout.ts');
  const { mutateEvtx } = await import('../test/fuzz/evtx-mutate.ts');
  const { Rng } = await import('../test/fuzz/rng.ts');
  const { sampleInputs, corpusInputs } = await import('../test/fuzz/inputs.ts');

  const { seconds, seed, corpus, feedback, shared } = workerData;
  const lenCell = new Int32Array(shared, 0, 1);
  const inputCell = new Uint8Array(shared, 8, MAX_INPUT);
  const rng = new Rng(seed);

  const session = new Session();
  session.connect();
  const post = (method, params) => {
    let out;
    session.post(method, params, (err, res) => {
      if (err) throw err;
      out = res;
    });
    return out; // same-thread inspector sessions answer synchronously
  };
  post('Profiler.enable');
  post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

  const bucket = (n) => (n <= 3 ? n : n < 8 ? 4 : n < 16 ? 8 : n < 32 ? 16 : n < 128 ? 32 : 128);
  const seen = new Set();
  /** Blocks of the EVTX reader this execution reached (with hit buckets) that none did before. */
  const newFeatures = () => {
    const { result } = post('Profiler.takePreciseCoverage');
    let fresh = 0;
    for (const script of result) {
      if (!script.url.includes('/src/ingest/evtx/')) continue;
      for (const fn of script.functions) {
        for (const r of fn.ranges) {
          if (r.count === 0) continue;
          const key = `${script.url}:${r.startOffset}:${r.endOffset}:${bucket(r.count)}`;
          if (!seen.has(key)) {
            seen.add(key);
            fresh++;
          }
        }
      }
    }
    return fresh;
  };

  const files = [...sampleInputs(), ...(corpus ? corpusInputs() : [])].filter((f) =>
    f.endsWith('.evtx'),
  );
  const queue = [];
  const emptyLayout = { chunks: [], records: [] };
  const run = (bytes) => {
    lenCell[0] = Math.min(bytes.length, MAX_INPUT);
    inputCell.set(bytes.subarray(0, MAX_INPUT));
    return checkEvtx(bytes, emptyLayout, []);
  };
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(f));
    if (bytes.length > MAX_INPUT) continue;
    run(bytes);
    newFeatures();
    queue.push({ bytes, from: f, depth: 0 });
  }

  /** Byte-level havoc: flips, interesting values, copied and dropped spans. */
  const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0xffffffff];
  const havoc = (src) => {
    const b = Uint8Array.from(src);
    const v = new DataView(b.buffer);
    const n = 1 + rng.int(8);
    for (let i = 0; i < n && b.length > 8; i++) {
      const at = rng.int(b.length - 4);
      switch (rng.int(4)) {
        case 0:
          b[at] ^= 1 << rng.int(8);
          break;
        case 1:
          v.setUint32(at, rng.pick(INTERESTING) >>> 0, true);
          break;
        case 2:
          v.setUint16(at, rng.pick(INTERESTING) & 0xffff, true);
          break;
        default: {
          const from = rng.int(b.length);
          const len = 1 + rng.int(256);
          b.copyWithin(at, from, Math.min(b.length, from + len));
        }
      }
    }
    return b;
  };

  const started = Date.now();
  let executions = 0;
  let failures = 0;
  let lastBeat = 0;
  const found = [];
  while (Date.now() - started < seconds * 1000) {
    // Newer queue entries (found by coverage) are picked more often than the seeds.
    const parent =
      queue[
        rng.next() < 0.5
          ? queue.length - 1 - rng.int(Math.min(16, queue.length))
          : rng.int(queue.length)
      ];
    let bytes;
    if (rng.next() < 0.6) {
      const layout = evtxLayout(parent.bytes);
      bytes = mutateEvtx(parent.bytes, layout, rng).bytes;
    } else {
      bytes = havoc(parent.bytes);
    }
    const t0 = Date.now();
    const res = run(bytes);
    const ms = Date.now() - t0;
    executions++;
    if (newFeatures() > 0 && feedback)
      queue.push({ bytes, from: parent.from, depth: parent.depth + 1 });
    if (res.failures.length > 0 || ms > 5000) {
      failures++;
      mkdirSync(OUT, { recursive: true });
      const name = join(OUT, `case-${seed}-${executions}.evtx`);
      writeFileSync(name, bytes);
      writeFileSync(`${name}.json`, JSON.stringify({ ms, failures: res.failures }, null, 2));
      found.push({ file: name, ms, failures: res.failures.slice(0, 2) });
    }
    if (Date.now() - lastBeat > 1000) {
      lastBeat = Date.now();
      parentPort.postMessage({ type: 'beat' });
    }
  }
  const elapsed = (Date.now() - started) / 1000;
  parentPort.postMessage({
    type: 'stats',
    stats: {
      seeds: files.length,
      seed,
      executions,
      seconds: Math.round(elapsed),
      execPerSecond: Math.round(executions / elapsed),
      coverageFeatures: seen.size,
      queue: queue.length,
      maxDepth: Math.max(...queue.map((q) => q.depth)),
      failures,
      found: found.slice(0, 20),
    },
  });
  session.disconnect();
}

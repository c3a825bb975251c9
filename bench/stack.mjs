// Memory and time of `runhunt stack` as the fleet grows (issue 6): the corpus's attack folder
// replayed as 10, 50 and 100 hosts (only the Computer field rewritten, in memory; each host also
// carries one entry of its own), stacked by the built library (run `npm run build` first).
//
//   node bench/stack.mjs [--hosts 10,50,100] [--corpus PATH ...]
//
// Each size runs in a fresh Node process (--expose-gc) so heaps do not mix. Reported per size:
// events stacked, wall and CPU time of the stacking pass (CPU time is what to compare on a
// shared machine), CPU ns per event, heap retained by the result
// (after GC, minus the heap before stacking: the replayed base events are shared by all sizes),
// and the process's peak RSS. Linear growth shows as a flat marginal cost per event and per host.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    hosts: { type: 'string', default: '10,50,100' },
    corpus: { type: 'string', multiple: true },
    child: { type: 'string' },
  },
});
const corpus = opt.corpus ?? [resolve(repo, '..', 'shared', 'corpus', 'attack')];

if (opt.child !== undefined) {
  const hosts = Number(opt.child);
  const { readInputs } = await import(join(repo, 'dist', 'ingest', 'read-inputs.js'));
  const { stackEvents } = await import(join(repo, 'dist', 'fleet', 'collect.js'));
  const { sysmonSetValue } = await import(join(repo, 'dist', 'fleet', 'sysmon-event.js'));
  const base = [...readInputs(corpus)];
  function* replay() {
    for (let i = 0; i < hosts; i++) {
      const computer = `WKS-${String(i + 1).padStart(4, '0')}`;
      for (const e of base) yield { ...e, computer };
      yield sysmonSetValue({
        computer,
        targetObject: `HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Agent${i}`,
        details: `C:\\Program Files\\Agent${i}\\agent.exe`,
      });
    }
  }
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let events = 0;
  const result = stackEvents(
    (function* () {
      for (const e of replay()) {
        events++;
        yield e;
      }
    })(),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  globalThis.gc();
  const retained = process.memoryUsage().heapUsed - before;
  const out = {
    hosts,
    events,
    entries: result.entries.length,
    stackedHosts: result.hosts,
    ms: Math.round(ms),
    cpuMs: Math.round(cpuMs),
    nsPerEvent: Math.round((cpuMs * 1e6) / events),
    retainedKiB: Math.round(retained / 1024),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

for (const p of corpus) {
  if (!existsSync(p)) {
    process.stderr.write(`bench/stack: ${p} is absent (pass --corpus PATH)\n`);
    process.exit(2);
  }
}
if (!existsSync(join(repo, 'dist', 'fleet', 'collect.js'))) {
  process.stderr.write('bench/stack: build first (npm run build)\n');
  process.exit(2);
}
const rows = [];
for (const h of opt.hosts.split(',').map(Number)) {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', String(h)];
  for (const c of corpus) args.push('--corpus', c);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  rows.push(JSON.parse(r.stdout));
}
// Marginal cost between consecutive sizes: what each added host costs, without the one-off
// work (loading catalogs, compiling patterns) that the first size pays.
const lines = [
  '| hosts | events | entries | wall ms | CPU ms | CPU ns/event | Δ CPU ns/event | retained KiB | Δ KiB/host | peak RSS MiB |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r, i) => {
    const p = rows[i - 1];
    const dNs = p ? Math.round(((r.cpuMs - p.cpuMs) * 1e6) / (r.events - p.events)) : '';
    const dKiB = p ? ((r.retainedKiB - p.retainedKiB) / (r.hosts - p.hosts)).toFixed(1) : '';
    return `| ${r.hosts} | ${r.events} | ${r.entries} | ${r.ms} | ${r.cpuMs} | ${r.nsPerEvent} | ${dNs} | ${r.retainedKiB} | ${dKiB} | ${r.peakRssMiB} |`;
  }),
];
process.stdout.write(lines.join('\n') + '\n');

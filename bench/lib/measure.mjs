// Runs one child process and measures it: wall time (parent clock), peak RSS and CPU time
// (GNU time's %M, %U and %S: the child's ru_maxrss / ru_utime / ru_stime from wait4, which on
// Linux include its waited-for descendants), exit code, and a count taken from its stdout
// without keeping the output. CPU time is reported next to wall time because this machine is
// shared: wall time swings with other jobs' load, CPU time much less.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const EVENT_OPEN = Buffer.from('<Event ');

/** True when GNU time is there; without it peak RSS is reported as unknown. */
export function haveGnuTime() {
  return existsSync(GNU_TIME);
}

/**
 * Counters over a byte stream, fed chunk by chunk. `lines` counts '\n'; `xml-events` counts
 * `<Event ` (the root element of each rendered record; `<EventData>`/`<EventID>` do not match)
 * across chunk boundaries; `json` keeps the (small) output to parse it at the end; `none` drops it.
 */
export function makeCounter(kind) {
  let count = 0;
  let tail = Buffer.alloc(0);
  const kept = [];
  return {
    push(chunk) {
      if (kind === 'lines') {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
      } else if (kind === 'xml-events') {
        // Prefix the few bytes that could start a match split across two chunks.
        const buf = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        let i = buf.indexOf(EVENT_OPEN);
        let last = -1;
        while (i !== -1) {
          count++;
          last = i;
          i = buf.indexOf(EVENT_OPEN, i + EVENT_OPEN.length);
        }
        const keepFrom = Math.max(buf.length - (EVENT_OPEN.length - 1), last + EVENT_OPEN.length);
        tail = Buffer.from(buf.subarray(Math.max(0, keepFrom)));
      } else if (kind === 'json') {
        kept.push(chunk);
      }
    },
    result() {
      if (kind === 'json') {
        const text = Buffer.concat(kept).toString('utf8').trim();
        const lastLine = text.slice(text.lastIndexOf('\n') + 1);
        try {
          return JSON.parse(lastLine);
        } catch {
          return { error: `unparsable output: ${lastLine.slice(0, 200)}` };
        }
      }
      return kind === 'none' ? null : { events: count };
    },
  };
}

/**
 * Runs argv[0] with the rest as arguments. Resolves to
 * { seconds, rssKb|null, cpuSeconds|null, code, signal, counted, stderrTail, timedOut }.
 */
export function measure(argv, { count = 'none', cwd, timeoutSec = 900, workDir, env } = {}) {
  const rssFile = join(workDir, `rss-${process.pid}-${Date.now()}.txt`);
  const useTime = haveGnuTime();
  const [cmd, ...args] = useTime ? [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, ...argv] : argv;
  const counter = makeCounter(count);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      cwd,
      env: env ? { ...process.env, ...env } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSec * 1000);
    child.stdout.on('data', (c) => counter.push(c));
    child.stderr.on('data', (c) => {
      // Only the end matters (errors); keep it bounded so a chatty tool cannot grow memory.
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      let rssKb = null;
      let cpuSeconds = null;
      if (useTime && existsSync(rssFile)) {
        // GNU time writes "Command exited with non-zero status N" before the format line.
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        const [rss, user, sys] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
        if (Number.isFinite(rss)) rssKb = rss;
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user + sys;
        rmSync(rssFile, { force: true });
      }
      // GNU time exits with the child's status; a signal shows as 128+n.
      resolve({
        seconds,
        rssKb,
        cpuSeconds,
        code,
        signal,
        counted: counter.result(),
        stderrTail: stderr,
        timedOut,
      });
    });
  });
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

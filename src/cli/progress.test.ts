import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawEvent } from '../model/events.js';
import { formatDuration, Progress } from './progress.js';

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-progress-'));
  writeFileSync(join(dir, 'a.evtx'), Buffer.alloc(1_000_000));
  writeFileSync(join(dir, 'b.evtx'), Buffer.alloc(3_000_000));
  return dir;
}

const ev = { source: 'x' } as RawEvent;

test('progress counts files, MB and events and estimates the time left', () => {
  const dir = fixture();
  let clock = 0;
  const out: string[] = [];
  const p = new Progress([dir], { write: (s) => (out.push(s), true), columns: 200 }, () => clock);
  assert.match(p.line(0), /0\/2 files {2}0\.0\/4\.0 MB {2}0 events/);
  for (let i = 0; i < 1000; i++) p.onEvent(ev);
  p.onInput({
    path: join(dir, 'a.evtx'),
    format: 'evtx',
    events: 1000,
    bytes: 1_000_000,
    issues: [],
  });
  clock = 10_000;
  // 1 MB of 4 read in 10 s: 30 s to go.
  assert.match(
    p.line(clock),
    /1\/2 files {2}1\.0\/4\.0 MB {2}1,000 events {2}100 ev\/s {2}ETA 0:30/,
  );
  // Half the second file's events (at the first file's bytes per event): 2.5 MB read.
  for (let i = 0; i < 1500; i++) p.onEvent(ev);
  assert.match(p.line(clock), /2\.5\/4\.0 MB/);
});

test('the line is drawn at most every interval and cleared before warnings', () => {
  const dir = fixture();
  let clock = 0;
  const out: string[] = [];
  const p = new Progress(
    [dir],
    { write: (s) => (out.push(s), true), columns: 40 },
    () => clock,
    100,
  );
  for (let i = 0; i < 256 * 4; i++) p.onEvent(ev); // clock does not move: one draw at most
  assert.equal(out.length, 1);
  clock = 500;
  for (let i = 0; i < 256; i++) p.onEvent(ev);
  assert.equal(out.length, 2);
  assert.ok(out.every((s) => s.startsWith('\r\x1b[2K') && s.length <= 40 + 5));
  p.clear();
  assert.equal(out.at(-1), '\r\x1b[2K');
  p.clear(); // nothing shown: nothing to clear
  assert.equal(out.length, 3);
});

test('durations read as m:ss or h:mm:ss', () => {
  assert.equal(formatDuration(5), '0:05');
  assert.equal(formatDuration(65), '1:05');
  assert.equal(formatDuration(3725), '1:02:05');
});

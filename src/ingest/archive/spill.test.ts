import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputIssue } from '../../model/events.js';
import { spillToTempFile, SpillUnavailableError } from './spill.js';

/** A private parent folder, so the test can see every file spillToTempFile leaves there. */
function parent(): string {
  return mkdtempSync(join(tmpdir(), 'spill-test-'));
}

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

test('spill: the copy reads back byte for byte at any offset; nothing is left in the folder', () => {
  const dir = parent();
  try {
    const parts = [bytes(70_000, 1), bytes(1, 2), new Uint8Array(0), bytes(200_000, 3)];
    const whole = Buffer.concat(parts);
    const issues: InputIssue[] = [];
    const src = spillToTempFile(parts, { dir, maxBytes: 1 << 30 }, (i) => issues.push(i));
    assert.equal(src.size, whole.length);
    // POSIX: the file is unlinked as soon as it is open, so not even a kill leaves it behind.
    if (process.platform !== 'win32') assert.deepEqual(readdirSync(dir), []);
    for (const [at, n] of [
      [0, 10],
      [69_990, 20],
      [whole.length - 5, 100],
      [whole.length, 10],
    ] as const) {
      assert.deepEqual(
        Buffer.from(src.read(at, n)),
        whole.subarray(at, Math.min(whole.length, at + n)),
      );
    }
    src.close();
    assert.deepEqual(readdirSync(dir), []);
    assert.deepEqual(issues, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('spill: an error while copying propagates and removes the temporary file', () => {
  const dir = parent();
  try {
    function* failing(): Generator<Uint8Array> {
      yield bytes(1000, 4);
      throw new RangeError('inflater broke');
    }
    assert.throws(() => spillToTempFile(failing(), { dir, maxBytes: 1 << 30 }, () => {}), {
      name: 'RangeError',
      message: 'inflater broke',
    });
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('spill: beyond maxBytes the stream is cut, reported, and the rest left unread', () => {
  const dir = parent();
  try {
    let pulled = 0;
    function* endless(): Generator<Uint8Array> {
      for (;;) {
        pulled++;
        yield bytes(4096, pulled);
      }
    }
    const issues: InputIssue[] = [];
    const src = spillToTempFile(endless(), { dir, maxBytes: 10_000 }, (i) => issues.push(i));
    assert.equal(src.size, 10_000);
    assert.equal(pulled, 3);
    assert.deepEqual(
      issues.map((i) => [i.code, i.offset]),
      [['input-too-large', 10_000]],
    );
    assert.match(issues[0]?.message ?? '', /only the first 10000 bytes are read/);
    src.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('spill: no usable temporary folder is a typed error, not a crash', () => {
  const dir = parent();
  rmSync(dir, { recursive: true });
  assert.throws(
    () => spillToTempFile([bytes(10, 5)], { dir, maxBytes: 100 }, () => {}),
    (err: unknown) =>
      err instanceof SpillUnavailableError && /cannot make a temporary folder/.test(err.message),
  );
});

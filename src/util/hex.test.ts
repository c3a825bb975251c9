import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hex32 } from './hex.js';

test('hex32 pads to eight digits and wraps negatives', () => {
  assert.equal(hex32(0x1a2c), '0x00001a2c');
  assert.equal(hex32(-1), '0xffffffff');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldGuid, isEvtxDumpGuid } from './guid.js';

test('foldGuid: braces and case from any export fold to the EVTX form', () => {
  const want = '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}';
  for (const s of [
    '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
    '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}',
    want,
  ]) {
    assert.equal(foldGuid(s), want, s);
  }
  for (const s of ['not a guid', '{5770385F-C22A-43E0-BF4C}', '', '-'])
    assert.equal(foldGuid(s), s);
});

test('isEvtxDumpGuid: only the bare upper-case form evtx_dump writes', () => {
  assert.equal(isEvtxDumpGuid('0197231E-7211-694F-D001-000000000C00'), true);
  assert.equal(isEvtxDumpGuid('0197231e-7211-694f-d001-000000000c00'), false);
  assert.equal(isEvtxDumpGuid('{0197231E-7211-694F-D001-000000000C00}'), false);
});

/**
 * Damage for the text formats (event XML, JSON, JSON lines, CSV): the hostile shapes a log
 * exporter or an attacker can produce, not just random bytes. Deep nesting, a huge string,
 * a broken quote, prototype keys (`__proto__`, `constructor`), NULs, lone UTF-16 surrogates,
 * CR-only line ends, a cut, flipped bytes.
 */
import type { Rng } from './rng.js';

export interface TextMutated {
  bytes: Uint8Array;
  ops: string[];
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

type TextOp = (s: string, r: Rng) => [string, string];

function insertAt(s: string, at: number, x: string): string {
  return s.slice(0, at) + x + s.slice(at);
}

const ops: TextOp[] = [
  (s, r) => {
    const n = 1000 + r.int(100000);
    const open = r.pick(['[', '{"a":', '<a>', '<Data Name="x">', '"']);
    return [insertAt(s, r.int(s.length), open.repeat(n)), `nest${open}x${n}`];
  },
  (s, r) => {
    // A huge value inside the first quoted string found after a random point.
    const at = s.indexOf('"', r.int(s.length));
    const n = (1 + r.int(16)) << 20;
    return [at < 0 ? s : insertAt(s, at + 1, 'A'.repeat(n)), `huge${n}`];
  },
  (s, r) => {
    const quotes = [...s.matchAll(/["']/g)].map((m) => m.index);
    if (quotes.length === 0) return [s, 'noquote'];
    const at = r.pick(quotes);
    return [s.slice(0, at) + s.slice(at + 1), `dropquote@${at}`];
  },
  (s, r) => {
    const key = r.pick(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']);
    // Rename every field of one kind to a prototype key, in every syntax the readers accept.
    const field = r.pick(['TargetObject', 'Image', 'Details', 'EventID', 'Computer', 'Data']);
    return [s.split(field).join(key), `key${field}->${key}`];
  },
  (s, r) => {
    const at = r.int(s.length);
    return [
      insertAt(s, at, r.pick(['\u0000', '\ud800', '\udfff', '\ufeff', '\u2028', '\r'])),
      `char@${at}`,
    ];
  },
  (s) => [s.replace(/\r?\n/g, '\r'), 'cr-only'],
  (s, r) => {
    const at = r.int(s.length);
    return [s.slice(0, at), `cut@${at}`];
  },
  (s, r) => {
    const b = s.split('');
    const n = 1 + r.int(8);
    for (let i = 0; i < n; i++) b[r.int(b.length)] = String.fromCharCode(r.int(128));
    return [b.join(''), `flip${n}`];
  },
  (s, r) => {
    const at = r.int(s.length);
    return [insertAt(s, at, '<!DOCTYPE x [<!ENTITY e "&e;&e;">]>&e;'), `entity@${at}`];
  },
];

export function mutateText(original: Uint8Array, r: Rng): TextMutated {
  let s = dec.decode(original);
  const done: string[] = [];
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) {
    const [t, what] = r.pick(ops)(s, r);
    s = t;
    done.push(what);
  }
  return { bytes: enc.encode(s), ops: done };
}

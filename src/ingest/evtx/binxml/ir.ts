/**
 * The tree a BinXML fragment decodes to. Template definitions are decoded to this once per chunk
 * and reused by every record that instantiates them; substitutions stay as slots that point into
 * the record's value table, so no per-record tree is built.
 */

import type { Repair } from './repair.js';

export const enum NodeKind {
  Element = 1,
  Text = 2,
  Subst = 3,
  CharRef = 4,
  EntityRef = 5,
  CData = 6,
  PI = 7,
  Template = 8,
}

export interface ElementNode {
  k: NodeKind.Element;
  name: string;
  attrs: AttrNode[];
  children: Node[];
}

export interface AttrNode {
  name: string;
  /** Text, substitution, char and entity reference parts, concatenated. */
  parts: Node[];
}

/** Literal text, unescaped. */
export interface TextNode {
  k: NodeKind.Text;
  text: string;
}

/** Normal (0x0d) or optional (0x0e) substitution of template value `index`. */
export interface SubstNode {
  k: NodeKind.Subst;
  index: number;
  /** Value type declared by the template; the instance's own descriptor type wins. */
  type: number;
  optional: boolean;
}

export interface CharRefNode {
  k: NodeKind.CharRef;
  code: number;
}

export interface EntityRefNode {
  k: NodeKind.EntityRef;
  name: string;
}

export interface CDataNode {
  k: NodeKind.CData;
  text: string;
}

export interface PINode {
  k: NodeKind.PI;
  target: string;
  data: string;
}

/** A template instance with its substitution values (record roots and nested BinXML values). */
export interface TemplateNode {
  k: NodeKind.Template;
  template: Template;
  values: ValueTable;
}

export type Node =
  | ElementNode
  | TextNode
  | SubstNode
  | CharRefNode
  | EntityRefNode
  | CDataNode
  | PINode
  | TemplateNode;

/** A decoded template definition (cached per chunk by its definition offset). */
export interface Template {
  /** Chunk-relative offset of the definition. */
  offset: number;
  guid: string;
  nodes: Node[];
  /** Damage read through while decoding the definition (NO_REPAIRS when intact). */
  repairs: readonly Repair[];
}

/**
 * Substitution values of one template instance: the instance's descriptor types and the
 * chunk-relative byte ranges of the values. Values are decoded only when rendered.
 */
export interface ValueTable {
  types: number[];
  offsets: number[];
  sizes: number[];
  /** Some value is an array (type | 0x80): elements holding it repeat (see arraySlot). */
  hasArray: boolean;
}

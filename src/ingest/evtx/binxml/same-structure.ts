import { NodeKind, type AttrNode, type Node } from './ir.js';

/**
 * Deep structural equality of two decoded template bodies, used to share templates across the
 * chunks of a file (ChunkContext.shared). Allocation-free, exits at the first difference.
 * Template instances nested inside a definition never compare equal (they hold chunk offsets).
 */
export function sameNodes(a: readonly Node[], b: readonly Node[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameNode(a[i]!, b[i]!)) return false;
  return true;
}

function sameNode(x: Node, y: Node): boolean {
  switch (x.k) {
    case NodeKind.Element:
      return (
        y.k === NodeKind.Element &&
        x.name === y.name &&
        sameAttrs(x.attrs, y.attrs) &&
        sameNodes(x.children, y.children)
      );
    case NodeKind.Text:
    case NodeKind.CData:
      return y.k === x.k && x.text === y.text;
    case NodeKind.Subst:
      return (
        y.k === NodeKind.Subst &&
        x.index === y.index &&
        x.type === y.type &&
        x.optional === y.optional
      );
    case NodeKind.CharRef:
      return y.k === NodeKind.CharRef && x.code === y.code;
    case NodeKind.EntityRef:
      return y.k === NodeKind.EntityRef && x.name === y.name;
    case NodeKind.PI:
      return y.k === NodeKind.PI && x.target === y.target && x.data === y.data;
    case NodeKind.Template:
      return false;
  }
}

function sameAttrs(a: readonly AttrNode[], b: readonly AttrNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.name !== b[i]!.name || !sameNodes(a[i]!.parts, b[i]!.parts)) return false;
  }
  return true;
}

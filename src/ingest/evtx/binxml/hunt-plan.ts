import { NodeKind, type AttrNode, type ElementNode, type Node, type Template } from './ir.js';
import { ENTITIES } from './substitution.js';

/**
 * Hunt plans: what the RawEvent tree walker (to-raw-event.ts) would do for a template, worked
 * out once per template instead of once per record. A plan is the walker's sequence of field
 * reads, each a list of literal text and substitution slots, so a record becomes a few value
 * reads (and, when the hunt filter rejects it, stops after Provider and EventID).
 *
 * Windows records are two templates deep: the record's template holds <System> and, in place of
 * <EventData>/<UserData>, a BinXML substitution whose value is an instance of the provider's
 * template for that event. So a plan is made for a list of sections (the children of <Event>, or
 * the nodes of such an inner template), and a `Sections` op runs the inner template's plan.
 *
 * A plan only covers what the walker decides from the template alone. What depends on the
 * record's values is checked per record (hunt-plan-run.ts) and sends the record back to the
 * walker: array values (elements repeat per item, MS-EVEN6 §3.1.4.7.5) and BinXML values where
 * they would add elements other than a template instance. Templates the plan does not model
 * (template instances nested inside a definition, deep UserData) get no plan.
 */

/** A piece of text: a literal, or the index of the substitution whose value stands here. */
export type Part = string | number;

/** Which RawEvent field an op fills, or what it does. */
export const enum Field {
  Provider,
  EventId,
  Version,
  TimeCreated,
  RecordId,
  Channel,
  Computer,
  UserId,
  /** Start of EventData/UserData: a record the filter rejects stops here. */
  Gate,
  /** One `data` pair. */
  Data,
  /** A substitution among sections: a BinXML value there holds more sections (`text[0]`). */
  Sections,
  /** A substitution where a BinXML value would add elements the plan does not know (`text[0]`). */
  Guard,
}

/** An attribute's value: its parts, and the slot whose NULL value leaves it out (-1: none). */
export interface AttrPlan {
  parts: Part[];
  omitIfNull: number;
}

export interface PlanOp {
  field: Field;
  /** Element text (EventID, Version, EventRecordID, Channel, Computer, Data values). */
  text: Part[];
  /** Attribute value (Provider Name, SystemTime, UserID, a Data Name with substitutions). */
  attr: AttrPlan | null;
  /** Data: the literal key, or the key used when `attr` is left out or missing. */
  key: string;
  /**
   * Nesting depth the walker is at for this op, relative to the section list the plan is for
   * (BinXML values rendered as text are decoded under it, and depth limits count it).
   */
  depth: number;
  /**
   * System strings repeat record after record (one provider, channel and computer per log): the
   * last string value this op read, as bytes (`memoLength` of them, -1 when none) and text
   * (hunt-plan-run.ts memoText).
   */
  memoView: DataView | null;
  memoLength: number;
  memoText: string;
}

export interface HuntPlan {
  ops: PlanOp[];
  /**
   * Every Data key is a distinct literal (not `__proto__`) and no `Sections` op adds pairs in
   * between: on a map that is empty when the plan starts, pairs need no duplicate check.
   */
  distinctKeys: boolean;
  /** Deepest relative op depth (records near the depth limit are left to the walker). */
  depth: number;
}

/**
 * Depth of the children of a section (System, EventData, UserData) relative to the list of
 * sections: the walker visits the section one level down and its children two.
 */
const SECTION_CHILD_DEPTH = 2;
/** UserData deeper than this is left to the walker (it enforces LIMITS.maxDepth). */
const MAX_USERDATA_DEPTH = 32;

const recordPlans = new WeakMap<Template, HuntPlan | null>();
const sectionPlans = new WeakMap<Template, HuntPlan | null>();

/**
 * The plan for a record's template, whose first element is <Event> (compiled on first use;
 * null when the template needs the walker). Its ops are relative to <Event>'s children.
 */
export function recordPlan(template: Template): HuntPlan | null {
  let plan = recordPlans.get(template);
  if (plan === undefined) {
    plan = compile(template.nodes, true);
    recordPlans.set(template, plan);
  }
  return plan;
}

/** The plan for a template instantiated among sections (in a BinXML value under <Event>). */
export function sectionsPlan(template: Template): HuntPlan | null {
  let plan = sectionPlans.get(template);
  if (plan === undefined) {
    plan = compile(template.nodes, false);
    sectionPlans.set(template, plan);
  }
  return plan;
}

/** Thrown (and caught in compile) when a template holds something plans do not model. */
class Unplannable extends Error {}

function compile(nodes: readonly Node[], record: boolean): HuntPlan | null {
  const plan: HuntPlan = { ops: [], distinctKeys: true, depth: 0 };
  try {
    if (!record) sections(plan, nodes);
    else {
      // The walker takes the first element of the template as <Event>; a substitution before
      // it could be a BinXML value holding that element instead.
      for (const n of nodes) {
        if (n.k === NodeKind.Element) {
          sections(plan, n.children);
          break;
        }
        structural(plan, n);
      }
    }
  } catch (err) {
    if (err instanceof Unplannable) return null;
    throw err;
  }
  const keys = new Set<string>();
  for (const op of plan.ops) {
    plan.depth = Math.max(plan.depth, op.depth);
    if (op.field === Field.Sections) plan.distinctKeys = false;
    if (op.field !== Field.Data) continue;
    // `__proto__` would set the prototype of the ordinary object direct pairs are built in.
    if (op.attr !== null || keys.has(op.key) || op.key === '__proto__') plan.distinctKeys = false;
    keys.add(op.key);
  }
  return plan;
}

/** A non-element node in element position: a guard if a substitution, unplannable if a template. */
function structural(plan: HuntPlan, n: Node): void {
  if (n.k === NodeKind.Template) throw new Unplannable();
  if (n.k === NodeKind.Subst) plan.ops.push(op(Field.Guard, [n.index], null, '', 0));
}

/** A list of sections (the walker's `section` visitor over it). */
function sections(plan: HuntPlan, children: readonly Node[]): void {
  for (const n of children) {
    if (n.k === NodeKind.Template) throw new Unplannable();
    if (n.k === NodeKind.Subst) plan.ops.push(op(Field.Sections, [n.index], null, '', 0));
    if (n.k !== NodeKind.Element) continue;
    if (n.name === 'System') {
      for (const c of n.children) {
        if (c.k === NodeKind.Element) systemField(plan, c);
        else structural(plan, c);
      }
    } else if (n.name === 'EventData' || n.name === 'UserData') {
      plan.ops.push(op(Field.Gate, [], null, '', SECTION_CHILD_DEPTH));
      if (n.name === 'EventData') eventData(plan, n.children);
      else userData(plan, n.children, SECTION_CHILD_DEPTH);
    }
  }
}

function systemField(plan: HuntPlan, el: ElementNode): void {
  const d = SECTION_CHILD_DEPTH;
  switch (el.name) {
    case 'Provider':
      return void plan.ops.push(op(Field.Provider, [], attrPlan(el, 'Name'), '', d));
    case 'EventID':
      return void plan.ops.push(op(Field.EventId, textParts(el), null, '', d));
    case 'Version':
      return void plan.ops.push(op(Field.Version, textParts(el), null, '', d));
    case 'TimeCreated':
      return void plan.ops.push(op(Field.TimeCreated, [], attrPlan(el, 'SystemTime'), '', d));
    case 'EventRecordID':
      return void plan.ops.push(op(Field.RecordId, textParts(el), null, '', d));
    case 'Channel':
      return void plan.ops.push(op(Field.Channel, textParts(el), null, '', d));
    case 'Computer':
      return void plan.ops.push(op(Field.Computer, textParts(el), null, '', d));
    case 'Security':
      return void plan.ops.push(op(Field.UserId, [], attrPlan(el, 'UserID'), '', d));
  }
}

function eventData(plan: HuntPlan, children: readonly Node[]): void {
  for (const n of children) {
    if (n.k !== NodeKind.Element) {
      structural(plan, n);
      continue;
    }
    const text = textParts(n);
    if (n.name !== 'Data') {
      plan.ops.push(op(Field.Data, text, null, n.name, SECTION_CHILD_DEPTH));
      continue;
    }
    const name = attrPlan(n, 'Name');
    const literal = name === null ? 'Data' : literalOf(name);
    if (literal !== undefined)
      plan.ops.push(op(Field.Data, text, null, literal, SECTION_CHILD_DEPTH));
    else plan.ops.push(op(Field.Data, text, name, 'Data', SECTION_CHILD_DEPTH));
  }
}

/** UserData: leaf elements become pairs named after the element (the walker's userDataLeaves). */
function userData(plan: HuntPlan, children: readonly Node[], depth: number): void {
  if (depth > MAX_USERDATA_DEPTH) throw new Unplannable();
  for (const n of children) {
    if (n.k !== NodeKind.Element) {
      structural(plan, n);
      continue;
    }
    let nested = false;
    for (const c of n.children) {
      if (c.k === NodeKind.Element) nested = true;
      else structural(plan, c);
    }
    if (nested) userData(plan, n.children, depth + 1);
    else plan.ops.push(op(Field.Data, textParts(n), null, n.name, depth));
  }
}

function op(field: Field, text: Part[], attr: AttrPlan | null, key: string, depth: number): PlanOp {
  return { field, text, attr, key, depth, memoView: null, memoLength: -1, memoText: '' };
}

/** The walker's attrOf: the first attribute of that name; null when there is none. */
function attrPlan(el: ElementNode, name: string): AttrPlan | null {
  const a: AttrNode | undefined = el.attrs.find((x) => x.name === name);
  if (a === undefined) return null;
  const only = a.parts.length === 1 ? a.parts[0]! : null;
  const omitIfNull = only !== null && only.k === NodeKind.Subst && only.optional ? only.index : -1;
  return { parts: partsOf(a.parts), omitIfNull };
}

/** The attribute's text when it holds no substitution. */
function literalOf(a: AttrPlan): string | undefined {
  if (a.parts.length === 0) return '';
  const p = a.parts[0]!;
  return a.parts.length === 1 && typeof p === 'string' ? p : undefined;
}

/** The walker's textOf: value parts of the content; child elements, PIs and templates add ''. */
function textParts(el: ElementNode): Part[] {
  return partsOf(el.children);
}

/** The walker's partText per node, literals resolved now and adjacent literals merged. */
function partsOf(nodes: readonly Node[]): Part[] {
  const out: Part[] = [];
  let lit: string | null = null;
  for (const n of nodes) {
    let s: string;
    switch (n.k) {
      case NodeKind.Subst:
        if (lit !== null) out.push(lit);
        lit = null;
        out.push(n.index);
        continue;
      case NodeKind.Text:
      case NodeKind.CData:
        s = n.text;
        break;
      case NodeKind.CharRef:
        s = String.fromCharCode(n.code);
        break;
      case NodeKind.EntityRef:
        s = ENTITIES[n.name] ?? '&' + n.name + ';';
        break;
      default:
        s = '';
    }
    lit = (lit ?? '') + s;
  }
  if (lit !== null) out.push(lit);
  return out;
}

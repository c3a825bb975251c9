import { emptyData, type RawEvent } from '../../../model/events.js';
import type { WantFilter } from '../../types.js';
import { LIMITS } from '../constants.js';
import { EvtxParseError } from '../errors.js';
import type { ChunkContext } from './chunk-context.js';
import { NodeKind, type ElementNode, type Node, type ValueTable } from './ir.js';
import { recordPlan } from './hunt-plan.js';
import { addData, isEmpty, PlanResult, runPlan } from './hunt-plan-run.js';
import { slotText } from './slot-text.js';
import {
  arraySlot,
  ENTITIES,
  isOmittedAttr,
  parseBinXmlValue,
  slotKind,
  SlotKind,
  type Pick,
} from './substitution.js';
import { arrayItems } from './values.js';

export type { WantFilter };

type Visit = (
  el: ElementNode,
  values: ValueTable | null,
  pick: Pick | null,
  depth: number,
) => boolean | void;

/**
 * Calls `visit` for every element in `nodes`, looking through template instances and BinXML
 * substitution values, and repeating elements that hold an array value once per item (as the
 * XML rendering does). Returns true when `visit` asked to stop.
 */
function eachElement(
  ctx: ChunkContext,
  nodes: readonly Node[],
  values: ValueTable | null,
  depth: number,
  visit: Visit,
): boolean {
  if (depth > LIMITS.maxDepth) {
    throw new EvtxParseError('limit-exceeded', 0, `BinXML nested deeper than ${LIMITS.maxDepth}`);
  }
  for (const n of nodes) {
    if (n.k === NodeKind.Element) {
      const slot = arraySlot(n, values);
      if (slot < 0) {
        if (visit(n, values, null, depth + 1)) return true;
        continue;
      }
      const items = arrayItems(
        ctx,
        values!.types[slot]!,
        values!.offsets[slot]!,
        values!.sizes[slot]!,
      );
      if (items.length === 0) items.push('');
      for (const item of items) if (visit(n, values, { index: slot, item }, depth + 1)) return true;
    } else if (n.k === NodeKind.Template) {
      if (eachElement(ctx, n.template.nodes, n.values, depth + 1, visit)) return true;
    } else if (n.k === NodeKind.Subst && slotKind(values, n.index) === SlotKind.BinXml) {
      if (eachElement(ctx, parseBinXmlValue(ctx, values!, n.index, depth), null, depth + 1, visit))
        return true;
    }
  }
  return false;
}

/** Plain text of a value part (no XML escaping): the text an XML parser would report. */
function partText(
  ctx: ChunkContext,
  n: Node,
  values: ValueTable | null,
  pick: Pick | null,
  depth: number,
): string {
  switch (n.k) {
    case NodeKind.Text:
    case NodeKind.CData:
      return n.text;
    case NodeKind.CharRef:
      return String.fromCharCode(n.code);
    case NodeKind.EntityRef:
      return ENTITIES[n.name] ?? '&' + n.name + ';';
    case NodeKind.Subst:
      if (pick !== null && pick.index === n.index) return pick.item;
      return slotText(ctx, values, n.index, depth);
    default:
      return '';
  }
}

/** Text content of an element: its value parts, child elements left out. */
function textOf(
  ctx: ChunkContext,
  el: ElementNode,
  values: ValueTable | null,
  pick: Pick | null,
  depth: number,
): string {
  const ch = el.children;
  if (ch.length === 1) return partText(ctx, ch[0]!, values, pick, depth);
  let s = '';
  for (const c of ch) s += partText(ctx, c, values, pick, depth);
  return s;
}

function attrOf(
  ctx: ChunkContext,
  el: ElementNode,
  name: string,
  values: ValueTable | null,
  pick: Pick | null,
  depth: number,
): string | undefined {
  for (const a of el.attrs) {
    if (a.name !== name) continue;
    if (isOmittedAttr(a.parts, values)) return undefined;
    let s = '';
    for (const p of a.parts) s += partText(ctx, p, values, pick, depth);
    return s;
  }
  return undefined;
}

/** True when an element has element content (directly, via a template or a BinXML value). */
function hasElementChildren(el: ElementNode, values: ValueTable | null): boolean {
  for (const c of el.children) {
    if (c.k === NodeKind.Element || c.k === NodeKind.Template) return true;
    if (c.k === NodeKind.Subst && slotKind(values, c.index) === SlotKind.BinXml) return true;
  }
  return false;
}

/**
 * Fills a RawEvent from a record's BinXML (ARCHITECTURE.md field rules). Returns false when
 * `want` rejected the record, in which case the rest of System (when Provider came before
 * EventID, as Windows writes them) and EventData/UserData were not decoded. With `fields`, a
 * template's plan may leave out other EventData strings (hunt-plan-run.ts); the tree walker
 * reads every field.
 */
export function toRawEvent(
  ctx: ChunkContext,
  nodes: readonly Node[],
  ev: RawEvent,
  want: WantFilter | undefined,
  fields?: ReadonlySet<string>,
): boolean {
  // A record is normally one template instance: its template's plan reads the fields directly.
  const only = nodes.length === 1 ? nodes[0]! : null;
  if (only !== null && only.k === NodeKind.Template && isEmpty(ev.data)) {
    const plan = recordPlan(only.template);
    if (plan !== null) {
      const { recordId, timeCreated, eventId, provider, channel, computer, version, userId } = ev;
      const r = runPlan(ctx, plan, only.values, ev, want, fields);
      if (r !== PlanResult.Walk) return r === PlanResult.Wanted;
      // The plan met something only the walker handles: start over from the same event.
      Object.assign(ev, { recordId, timeCreated, eventId, provider, channel, computer });
      if (version === undefined) delete ev.version;
      else ev.version = version;
      if (userId === undefined) delete ev.userId;
      else ev.userId = userId;
      for (const k in ev.data) delete ev.data[k];
    }
  }
  return toRawEventTree(ctx, nodes, ev, want);
}

/**
 * toRawEvent by walking the tree (every record shape: arrays, BinXML values, nested templates).
 * Hunt plans (hunt-plan.ts) replay its reads; tests hold the two to identical output.
 */
export function toRawEventTree(
  ctx: ChunkContext,
  nodes: readonly Node[],
  ev: RawEvent,
  want: WantFilter | undefined,
): boolean {
  let wanted = true;
  let sawProvider = false;
  const system: Visit = (el, values, pick, depth) => {
    switch (el.name) {
      case 'Provider':
        ev.provider = attrOf(ctx, el, 'Name', values, pick, depth) ?? '';
        sawProvider = true;
        break;
      case 'EventID':
        ev.eventId = Number(textOf(ctx, el, values, pick, depth)) & 0xffff;
        // Fast path: Provider and EventID come first in System (the Windows event schema), so a
        // record the filter rejects costs two value reads, not a render of the rest of System.
        if (want !== undefined && sawProvider && !want(ev.provider, ev.eventId)) {
          wanted = false;
          return true;
        }
        break;
      case 'Version': {
        const v = Number(textOf(ctx, el, values, pick, depth));
        if (Number.isFinite(v)) ev.version = v;
        break;
      }
      case 'TimeCreated':
        ev.timeCreated = attrOf(ctx, el, 'SystemTime', values, pick, depth) ?? ev.timeCreated;
        break;
      case 'EventRecordID': {
        const id = Number(textOf(ctx, el, values, pick, depth));
        if (Number.isSafeInteger(id)) ev.recordId = id;
        break;
      }
      case 'Channel':
        ev.channel = textOf(ctx, el, values, pick, depth);
        break;
      case 'Computer':
        ev.computer = textOf(ctx, el, values, pick, depth);
        break;
      case 'Security': {
        const sid = attrOf(ctx, el, 'UserID', values, pick, depth);
        if (sid !== undefined) ev.userId = sid;
        break;
      }
    }
    return false;
  };
  const eventData: Visit = (el, values, pick, depth) => {
    const key =
      el.name === 'Data' ? (attrOf(ctx, el, 'Name', values, pick, depth) ?? 'Data') : el.name;
    addData(ev.data, key, textOf(ctx, el, values, pick, depth));
  };
  const userDataLeaves: Visit = (el, values, pick, depth) => {
    if (hasElementChildren(el, values))
      eachElement(ctx, el.children, values, depth, userDataLeaves);
    else addData(ev.data, el.name, textOf(ctx, el, values, pick, depth));
  };
  const section: Visit = (el, values, _pick, depth) => {
    if (el.name === 'System') return eachElement(ctx, el.children, values, depth, system);
    if (el.name !== 'EventData' && el.name !== 'UserData') return false;
    if (want !== undefined && !want(ev.provider, ev.eventId)) {
      wanted = false;
      return true;
    }
    eachElement(
      ctx,
      el.children,
      values,
      depth,
      el.name === 'EventData' ? eventData : userDataLeaves,
    );
    return false;
  };
  // The first element is <Event>; its children are the sections.
  eachElement(ctx, nodes, null, 0, (el, values, _pick, depth) => {
    eachElement(ctx, el.children, values, depth, section);
    return true;
  });
  return wanted;
}

export function newRawEvent(source: string, recordId: number, timeCreated: string): RawEvent {
  return {
    source,
    recordId,
    timeCreated,
    eventId: 0,
    provider: '',
    channel: '',
    computer: '',
    data: emptyData(),
  };
}

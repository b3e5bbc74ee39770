import { type ChannelLine, changeFingerprint } from '../domain/channel-change.js';
import {
  isStockManaged,
  type OrderLine,
  type OrderStatus,
  type SaleOrder,
  shortfall,
  shortLines,
  statusFromLines,
} from '../domain/order.js';
import { emitChangeRefused, emitOrderSplit } from './order-events.js';
import { releaseAll } from './order-guards.js';
import { holdsPartialStock, policyForOrder } from './order-policy.js';
import { type StockTarget, serveWaitingOrders } from './serve-waiting.js';
import { settleShortOrder } from './settle-short-order.js';
import { nextBackorderIdIn } from './split-order.js';
import type { Workspace } from './workspace.js';

const OPEN: readonly OrderStatus[] = ['AwaitingStock', 'ReadyToPick', 'OnHold'];
const isOpen = (order: SaleOrder): boolean => OPEN.includes(order.status);

/** The order and every backorder below it, parents before their backorders, oldest first. */
export const familyFrom = (ws: Workspace, orderId: string): SaleOrder[] => {
  const order = ws.order(orderId);
  return [order, ...order.backorderIds.flatMap((id) => familyFrom(ws, id))];
};

/** The channel's order an order belongs to: the root of its split family. */
const channelOrderOf = (ws: Workspace, order: SaleOrder): SaleOrder => {
  let root = order;
  while (root.parentId && ws.hasOrder(root.parentId)) root = ws.order(root.parentId);
  return root;
};

type Holder = { member: SaleOrder; line: OrderLine };
type Refused = { lineId: string; sku: string | null; before: number; after: number };

/** Units of a line across the family, as the channel counts them (dropped units included). */
const unitsOf = (holders: readonly Holder[]) =>
  holders.reduce((sum, { line }) => sum + line.quantity + (line.dropped ?? 0), 0);

/**
 * Brings an order's family to the channel's full list of lines (DESIGN §10). The list is the
 * channel's whole order, so a change addressed to a backorder applies from the family's root; a
 * `Merged` backorder holds nothing (its units are on the order it merged into), so it takes no part
 * and never makes a change refused (DESIGN §14). A reduction comes off
 * the waiting backorders first (newest first), then the other open members; an increase or an
 * added line goes to the newest open backorder, else the order itself while open, else (a split
 * family) a new backorder; a removed line leaves whichever open member holds it. What only members
 * being picked or dispatched could give is refused: recorded once on the order, with an
 * `Order Change Refused` event. Unchanged lines change nothing.
 */
export const applyChannelLines = (
  ws: Workspace,
  addressed: SaleOrder,
  wanted: readonly ChannelLine[],
): void => {
  const subject = channelOrderOf(ws, addressed);
  const whole = familyFrom(ws, subject.orderId);
  const split = whole.length > 1;
  const family = whole.filter((member) => member.status !== 'Merged');
  const holdersOf = (lineId: string): Holder[] =>
    family.flatMap((member) =>
      member.lines.filter((line) => line.lineId === lineId).map((line) => ({ member, line })),
    );
  const known = new Set(family.flatMap((member) => member.lines.map((line) => line.lineId)));
  const unchanged =
    known.size === wanted.length &&
    wanted.every((want) => {
      const holders = holdersOf(want.lineId);
      return holders.every(({ line }) => line.sku === want.sku) && unitsOf(holders) === want.quantity;
    });
  if (unchanged) return;

  const touched = new Set<SaleOrder>();
  const released = new Set<string>();
  const freed: StockTarget[] = [];
  const refused: Refused[] = [];
  const created: SaleOrder[] = [];
  const touch = (member: SaleOrder) => {
    ws.touchOrder(member);
    touched.add(member);
  };
  const release = (member: SaleOrder, line: OrderLine, units: number) => {
    if (!isStockManaged(line) || units <= 0) return;
    ws.allocate(member, line, -units, 'No longer needed after the channel changed the order.');
    freed.push({ warehouseId: member.warehouseId, sku: line.sku });
    released.add(member.orderId);
  };
  const drop = (member: SaleOrder, line: OrderLine) => {
    member.lines = member.lines.filter((candidate) => candidate !== line);
  };
  const newestFirst = [...family].reverse();
  const receiver = (): SaleOrder | undefined => {
    const open = newestFirst.find((member) => member !== subject && isOpen(member));
    if (open) return open;
    if (isOpen(subject)) return subject;
    if (!split || subject.status === 'Cancelled' || subject.status === 'Rejected') return undefined;
    const backorder = newBackorder(ws, subject);
    family.push(backorder);
    created.push(backorder);
    return backorder;
  };
  const addUnits = (want: ChannelLine, units: number, before: number) => {
    const target = receiver();
    if (!target) {
      refused.push({ lineId: want.lineId, sku: want.sku, before, after: want.quantity });
      return;
    }
    touch(target);
    const line = target.lines.find((candidate) => candidate.lineId === want.lineId);
    if (line) line.quantity += units;
    else
      target.lines.push({
        lineId: want.lineId,
        sku: want.sku,
        quantity: units,
        allocated: 0,
        ...(want.title ? { title: want.title } : {}),
        ...(want.kitLineId ? { kitLineId: want.kitLineId, kitSku: want.kitSku, perKit: want.perKit } : {}),
      });
  };
  const remove = (lineId: string, holders: readonly Holder[], after: number) => {
    const locked = holders.filter(({ member }) => !isOpen(member));
    for (const { member, line } of holders.filter(({ member }) => isOpen(member))) {
      touch(member);
      release(member, line, line.allocated);
      drop(member, line);
    }
    if (locked.length > 0)
      refused.push({ lineId, sku: locked[0]?.line.sku ?? null, before: unitsOf(locked), after });
  };
  const reduce = (want: ChannelLine, holders: readonly Holder[], units: number) => {
    const waiting = newestFirst.filter((member) => member !== subject && member.status === 'AwaitingStock');
    const order = [
      ...waiting,
      ...newestFirst.filter((member) => isOpen(member) && !waiting.includes(member)),
    ];
    let left = units;
    for (const member of order) {
      const line = holders.find((holder) => holder.member === member)?.line;
      const take = Math.min(left, line?.quantity ?? 0);
      if (!line || take === 0) continue;
      touch(member);
      const quantity = line.quantity - take;
      if (line.allocated > quantity) release(member, line, line.allocated - quantity);
      line.quantity = quantity;
      if (quantity === 0 && !line.dropped) drop(member, line);
      left -= take;
    }
    // Units dropped at intake were never held: the channel may take them off too.
    for (const { member, line } of holders) {
      const take = Math.min(left, line.dropped ?? 0);
      if (take === 0 || !isOpen(member)) continue;
      touch(member);
      line.dropped = (line.dropped ?? 0) - take;
      if (line.quantity === 0 && line.dropped === 0) drop(member, line);
      left -= take;
    }
    if (left > 0)
      refused.push({ lineId: want.lineId, sku: want.sku, before: unitsOf(holders), after: want.quantity });
  };

  for (const want of wanted) {
    let holders = holdersOf(want.lineId);
    const moved = holders.filter(({ line }) => line.sku !== want.sku);
    if (moved.length > 0) {
      remove(want.lineId, moved, want.quantity);
      // Members being picked keep the old SKU: the new one cannot join the line they hold.
      if (moved.some(({ member }) => !isOpen(member))) continue;
      holders = holdersOf(want.lineId);
    }
    const units = unitsOf(holders);
    if (want.quantity < units) reduce(want, holders, units - want.quantity);
    else if (want.quantity > units) addUnits(want, want.quantity - units, units);
  }
  const listed = new Set(wanted.map((want) => want.lineId));
  for (const lineId of known) if (!listed.has(lineId)) remove(lineId, holdersOf(lineId), 0);

  const position = new Map(wanted.map((want, index) => [want.lineId, index]));
  for (const member of touched) {
    member.lines.sort((a, b) => (position.get(a.lineId) ?? 1e9) - (position.get(b.lineId) ?? 1e9));
    if (isOpen(member)) settle(ws, member, split, freed);
  }
  for (const backorder of created) emitOrderSplit(ws, subject, backorder);
  if (refused.length > 0) refuse(ws, subject, wanted, refused);
  serveWaitingOrders(ws, freed, { trigger: `update of ${subject.orderId}`, exclude: released });
};

/** A new backorder of `parent` for units the channel added when no open member could take them. */
const newBackorder = (ws: Workspace, parent: SaleOrder): SaleOrder => {
  const orderId = nextBackorderIdIn(ws, parent);
  const { splitDueAt: _due, refusedChange: _refused, ...copied } = structuredClone(parent);
  const backorder: SaleOrder = {
    ...copied,
    orderId,
    status: 'AwaitingStock',
    lines: [],
    parentId: parent.orderId,
    backorderIds: [],
    fillable: false,
    notes: [],
    version: 0,
  };
  ws.touchOrder(parent);
  parent.backorderIds = [...parent.backorderIds, orderId];
  ws.addOrder(backorder);
  ws.note(parent, 'updated', `Backorder ${orderId} takes the units the channel added.`);
  ws.note(backorder, 'createdBySplit', `Created for the units the channel added to ${parent.orderId}.`);
  return backorder;
};

/** An open member after its lines changed: served by its policy, its status from its lines. */
const settle = (ws: Workspace, member: SaleOrder, split: boolean, freed: StockTarget[]) => {
  if (member.lines.length === 0) {
    freed.push(...releaseAll(ws, member, 'The channel took every line off this order.'));
    member.status = 'Cancelled';
    member.fillable = false;
    member.splitDueAt = undefined;
    ws.note(member, 'cancelled', 'The channel took every line off this order.');
    return;
  }
  const policy = policyForOrder(ws, member);
  if (member.status !== 'OnHold') {
    topUp(ws, member, holdsPartialStock(policy.values), freed);
    member.status = statusFromLines(member);
  }
  // The lines changed, so an earlier manual-review verdict or split deadline no longer applies.
  member.fillable = false;
  if (member.status === 'ReadyToPick') member.splitDueAt = undefined;
  ws.note(member, 'updated', `Updated by ${member.channel}.`, policy);
  if (split && member.status === 'AwaitingStock') settleShortOrder(ws, member, policy);
};

/** Meets the order's new needs from free stock: partly if the policy holds stock while waiting, else only in full. */
const topUp = (ws: Workspace, order: SaleOrder, partial: boolean, freed: StockTarget[]) => {
  const short = shortLines(order);
  const needs = new Map<string, number>();
  for (const line of short) needs.set(line.sku, (needs.get(line.sku) ?? 0) + shortfall(line));
  const complete = [...needs].every(([sku, need]) => ws.available(order.warehouseId, sku) >= need);
  if (!partial && !complete) {
    // An all-or-nothing order that is short again must not sit on the stock it held before.
    freed.push(...releaseAll(ws, order, 'Released: this order holds nothing until it can be completed.'));
    return;
  }
  for (const line of short) {
    const take = Math.min(shortfall(line), Math.max(0, ws.available(order.warehouseId, line.sku)));
    ws.allocate(order, line, take, 'Available when the channel changed the order.');
  }
};

/** Records, once per distinct change, what the channel asked that the family could not do. */
const refuse = (ws: Workspace, subject: SaleOrder, wanted: readonly ChannelLine[], refused: Refused[]) => {
  const fingerprint = changeFingerprint({ cancelled: false, lines: [...wanted] });
  if (subject.refusedChange === fingerprint) return;
  ws.touchOrder(subject);
  subject.refusedChange = fingerprint;
  const what = refused.map((line) => `line ${line.lineId} (${line.before} → ${line.after})`).join(', ');
  const reason = `Refused the channel's change to ${what}: those units are being picked, were dispatched or the order was cancelled.`;
  ws.note(subject, 'changeRefused', reason);
  emitChangeRefused(ws, subject, 'update', refused, reason);
};

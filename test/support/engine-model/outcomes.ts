import { type ChannelChange, isOlderVersion } from '../../../shared/domain/channel-change.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import { must, type StepFacts, same, show } from './checks.js';
import { expectedIntake } from './intake-model.js';
import { checkKitServing } from './kit-checks.js';
import { checkMerging } from './merging.js';
import { missing } from './policy-model.js';
import { channelFamilyOf, familyOf } from './refusals.js';
import { checkServed, checkServing, checkTakeBack } from './serving.js';
import { orderIdOf } from './trigger-types.js';
import { levelOf } from './world.js';

const holds = (order: SaleOrder | undefined) => (order?.lines ?? []).some((line) => line.allocated > 0);
const linesOf = (order: SaleOrder | undefined) =>
  (order?.lines ?? []).map(({ lineId, quantity, allocated, dropped }) => ({
    lineId,
    quantity,
    allocated,
    ...(dropped ? { dropped } : {}),
  }));

/** What each trigger must have done, beyond the invariants every decision keeps. */
export const checkOutcome = (facts: StepFacts): void => {
  const { trigger, pre, post, decision } = facts;
  const id = orderIdOf(trigger);
  const before = pre.orders.get(id);
  const after = post.orders.get(id);
  const expectStatus = (...statuses: string[]) =>
    must(after && statuses.includes(after.status), () => `${trigger.kind}: ${id} is ${after?.status}`);

  switch (trigger.kind) {
    case 'intake': {
      const early = pre.channelChanges.get(id);
      const version = (facts.input as IncomingOrder).channelVersion;
      if (early && !isOlderVersion(early.version, version)) {
        checkChannelLines(facts, early);
        break;
      }
      const expected = expectedIntake(pre, facts.config, facts.input as IncomingOrder, facts.now, facts.kits);
      const actual = {
        status: after?.status,
        lines: linesOf(after),
        ...(expected.backorder ? { backorder: linesOf(post.orders.get(after?.backorderIds[0] ?? '')) } : {}),
        ...(after?.splitDueAt ? { splitDueAt: after.splitDueAt } : {}),
      };
      must(
        same(actual, expected),
        () => `intake of ${id}: got ${show(actual)}, the model says ${show(expected)}`,
      );
      break;
    }
    case 'receipt':
    case 'serve':
      if (facts.kits) checkKitServing(facts);
      else checkServing(facts);
      break;
    case 'adjustment':
      for (const { sku, delta } of trigger.input.lines) {
        const change =
          levelOf(post, trigger.input.warehouseId, sku).onHand -
          levelOf(pre, trigger.input.warehouseId, sku).onHand;
        must(change === delta, () => `adjustment of ${sku} by ${delta} changed on hand by ${change}`);
      }
      checkTakeBack(facts);
      break;
    case 'allocate':
      // A backorder completed by hand beside its Ready to Pick parent merges into it, with its stock.
      if (after?.status === 'Merged') break;
      for (const request of trigger.input.lines) {
        const gain =
          (after?.lines.find((line) => line.lineId === request.lineId)?.allocated ?? 0) -
          (before?.lines.find((line) => line.lineId === request.lineId)?.allocated ?? 0);
        must(
          gain === request.quantity,
          () => `allocated ${request.quantity} by hand to ${id}/${request.lineId}, gained ${gain}`,
        );
      }
      break;
    case 'release':
      must(!holds(after), () => `${id} still holds stock after release`);
      if (before?.status === 'OnHold') expectStatus('OnHold');
      break;
    case 'hold':
      expectStatus('OnHold');
      must(
        decision.orders.length === 1 && decision.stock.length === 0,
        () => 'hold changed more than the order',
      );
      must(same(after?.lines, before?.lines), () => 'hold changed allocations');
      break;
    case 'unhold':
      // A backorder unheld Ready to Pick beside its Ready to Pick parent merges into it, with its
      // stock (mergeSiblings, checked by checkMerging).
      if (after?.status === 'Merged') break;
      expectStatus('AwaitingStock', 'ReadyToPick');
      for (const line of before?.lines ?? []) {
        const now = after?.lines.find((candidate) => candidate.lineId === line.lineId)?.allocated ?? 0;
        must(now >= line.allocated, () => `unhold took stock from ${id}`);
      }
      break;
    case 'split': {
      const backorder = post.orders.get(after?.backorderIds.at(-1) ?? '');
      must(
        after?.lines.every((line) => missing(line) === 0),
        () => `split parent ${id} still short`,
      );
      must(
        backorder?.status === 'AwaitingStock' &&
          backorder.parentId === id &&
          before?.backorderIds.length === (after?.backorderIds.length ?? 0) - 1,
        () => `split of ${id} left backorder ${show(backorder)}`,
      );
      break;
    }
    case 'cancel':
      expectStatus('Cancelled');
      must(!holds(after), () => `${id} was cancelled but still holds stock`);
      break;
    case 'channelCancel':
      for (const member of familyOf(post, id)) {
        must(
          !['AwaitingStock', 'ReadyToPick', 'OnHold'].includes(member.status),
          () => `channel cancelled ${id} but ${member.orderId} is ${member.status}`,
        );
      }
      break;
    case 'fulfilment':
      expectStatus('InFulfilment', 'Dispatched');
      must(
        same(after?.lines, before?.lines) && decision.stock.length === 0,
        () => 'starting fulfilment moved stock',
      );
      break;
    case 'dispatch': {
      expectStatus('Dispatched');
      must(!holds(after), () => `${id} dispatched but still holds stock`);
      if (before?.status === 'Dispatched') break;
      for (const line of before?.lines ?? []) {
        const asked = trigger.input.lines?.find((request) => request.lineId === line.lineId)?.quantity;
        const shipped = after?.lines.find((candidate) => candidate.lineId === line.lineId)?.shipped;
        const expected = asked ?? (line.sku === null ? line.quantity : line.allocated);
        must(shipped === expected, () => `${id} line ${line.lineId} shipped ${shipped}, not ${expected}`);
      }
      for (const line of after?.lines ?? []) {
        if (line.sku === null) continue;
        const fell =
          levelOf(pre, before?.warehouseId ?? '', line.sku).onHand -
          levelOf(post, after?.warehouseId ?? '', line.sku).onHand;
        const shipped = (after?.lines ?? [])
          .filter((other) => other.sku === line.sku)
          .reduce((sum, other) => sum + (other.shipped ?? 0), 0);
        must(
          fell === shipped,
          () => `dispatch of ${id} shipped ${shipped} × ${line.sku} but on hand fell ${fell}`,
        );
      }
      break;
    }
    case 'update':
      checkChannelLines(facts, { orderId: id, cancelled: false, lines: trigger.input.lines });
      break;
    case 'channelChange':
      checkChannelLines(facts, post.channelChanges.get(id) ?? trigger.input);
      break;
    case 'expiry':
      if (decision.orders.length > 0 && after?.splitDueAt) {
        must(
          Date.parse(after.splitDueAt) > facts.now,
          () => `${id} still waits for a split delay that passed`,
        );
      }
      break;
  }
  checkServed(facts);
  checkMerging(facts);
};

const OPEN = ['AwaitingStock', 'ReadyToPick', 'OnHold'];

/**
 * After a channel change (DESIGN §10), the family is what the channel's newest change says: no open
 * member once cancelled; otherwise, the change being the channel's whole order, per line the units
 * across the family from its root add up to the channel's (a `Merged` backorder holds nothing: its
 * units are on the order it merged into), unless a member being picked, dispatched or cancelled held
 * what had to go (then it is refused on the root, with an event, unless that very change was
 * refused before). An unchanged family writes nothing.
 */
const checkChannelLines = (facts: StepFacts, change: ChannelChange): void => {
  const { pre, post, decision } = facts;
  if (change.cancelled) {
    const open = familyOf(post, change.orderId).filter((member) => OPEN.includes(member.status));
    must(open.length === 0, () => `cancelled by the channel but ${show(open.map((o) => o.orderId))} open`);
    return;
  }
  const shipping = (state: typeof pre) =>
    channelFamilyOf(state, change.orderId).filter((member) => member.status !== 'Merged');
  const totals = new Map<string, { sku: string | null; units: number }>();
  for (const member of shipping(post))
    for (const line of member.lines)
      totals.set(line.lineId, {
        sku: line.sku,
        units: (totals.get(line.lineId)?.units ?? 0) + line.quantity + (line.dropped ?? 0),
      });
  const wanted = new Map(
    (change.lines ?? []).map((line) => [line.lineId, { sku: line.sku, units: line.quantity }]),
  );
  const sorted = (map: Map<string, unknown>) => [...map].sort(([a], [b]) => a.localeCompare(b));
  if (same(sorted(totals), sorted(wanted))) return;
  const rootId = channelFamilyOf(pre, change.orderId)[0]?.orderId;
  const lockedBefore = shipping(pre).some((member) => !OPEN.includes(member.status));
  const refusedNow = decision.events.some(
    (event) => event.detailType === 'Order Change Refused' && event.detail.orderId === rootId,
  );
  const refusedBefore =
    pre.orders.get(rootId ?? '')?.refusedChange === post.orders.get(rootId ?? '')?.refusedChange;
  must(
    lockedBefore && (refusedNow || refusedBefore),
    () =>
      `channel change of ${change.orderId}: family has ${show([...totals])}, the channel says ${show([...wanted])}`,
  );
};

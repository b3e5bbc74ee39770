import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import { must, type StepFacts, same, show } from './checks.js';
import { expectedIntake } from './intake-model.js';
import { missing } from './policy-model.js';
import { familyOf } from './refusals.js';
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
      const expected = expectedIntake(pre, facts.config, facts.input as IncomingOrder, facts.now);
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
      checkServing(facts);
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
    case 'update': {
      const wanted = trigger.input.lines.map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity }));
      const got = (after?.lines ?? []).map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity }));
      must(same(got, wanted), () => `update of ${id}: lines ${show(got)}, the channel sent ${show(wanted)}`);
      break;
    }
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
};

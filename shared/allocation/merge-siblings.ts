import { isStockManaged, type OrderLine, type SaleOrder } from '../domain/order.js';
import type { ResolvedPolicy } from '../policy/policy.js';
import { emitOrdersMerged } from './order-events.js';
import { policyForOrder } from './order-policy.js';
import type { Workspace } from './workspace.js';

/**
 * The order a backorder's units would ship with: its parent, or (when the parent was itself merged)
 * the first ancestor that was not. Undefined when an ancestor is not in the workspace.
 */
const shipmentOf = (ws: Workspace, backorder: SaleOrder): SaleOrder | undefined => {
  let parentId = backorder.parentId;
  const seen = new Set<string>();
  while (parentId && ws.hasOrder(parentId) && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = ws.order(parentId);
    if (parent.status !== 'Merged') return parent;
    parentId = parent.parentId;
  }
  return undefined;
};

/**
 * Merges siblings (DESIGN §14): a Ready to Pick backorder whose parent is Ready to Pick too (so not
 * yet in fulfilment, not on hold) moves its lines and what they hold onto the parent and becomes
 * `Merged`, holding nothing, so the customer gets one shipment. Only pairs this decision changed
 * (or `seeds` names) merge, under the parent's `mergeSiblings`. The family still adds up: every
 * unit moves, none is made or lost.
 */
export const mergeReadySiblings = (ws: Workspace, seeds: ReadonlySet<string> = new Set()): void => {
  for (let merged = true; merged; ) {
    merged = false;
    for (const backorder of ws.orders()) {
      if (backorder.status !== 'ReadyToPick' || !backorder.parentId) continue;
      const parent = shipmentOf(ws, backorder);
      if (parent?.status !== 'ReadyToPick') continue;
      const relevant = [backorder, parent].some(
        (order) => ws.isChanged(order.orderId) || seeds.has(order.orderId),
      );
      if (!relevant) continue;
      const policy = policyForOrder(ws, parent);
      if (!policy.values.mergeSiblings || !linesFit(parent, backorder)) continue;
      mergeInto(ws, parent, backorder, policy);
      merged = true;
    }
  }
};

const mergeInto = (ws: Workspace, parent: SaleOrder, backorder: SaleOrder, policy: ResolvedPolicy): void => {
  ws.touchOrder(parent);
  ws.touchOrder(backorder);
  const moved: string[] = [];
  for (const line of backorder.lines) {
    const units = line.quantity + (line.dropped ?? 0);
    if (units === 0) continue;
    const target = lineFor(parent, line);
    const held = line.allocated;
    if (isStockManaged(line) && isStockManaged(target) && held > 0) {
      ws.allocate(backorder, line, -held, `Moved to ${parent.orderId}: the backorder merges into it.`);
    }
    target.quantity += line.quantity;
    if (line.dropped) target.dropped = (target.dropped ?? 0) + line.dropped;
    if (isStockManaged(line) && isStockManaged(target) && held > 0) {
      ws.allocate(parent, target, held, `Merged from ${backorder.orderId}: ships in one shipment.`);
    }
    line.quantity = 0;
    line.dropped = undefined;
    moved.push(`${units} × ${line.sku ?? `line ${line.lineId}`}`);
  }
  backorder.status = 'Merged';
  backorder.fillable = false;
  backorder.splitDueAt = undefined;
  const what = moved.join(', ');
  ws.note(
    parent,
    'merged',
    `Merged backorder ${backorder.orderId} (${what}) into this order: mergeSiblings is on, so it ships as one shipment.`,
    policy,
  );
  ws.note(
    backorder,
    'merged',
    `Merged into ${parent.orderId}, which ships its ${what}: mergeSiblings is on and neither had started fulfilment.`,
    policy,
  );
  emitOrdersMerged(ws, parent, backorder);
};

/**
 * Whether every line of the backorder can join its parent's line of the same id: a line the
 * channel has since changed to another SKU (or to no SKU) on one side only cannot, as the family's
 * lines are counted by id, so such a pair ships as it is.
 */
const linesFit = (parent: SaleOrder, backorder: SaleOrder): boolean =>
  backorder.lines.every((line) =>
    parent.lines.every((candidate) => candidate.lineId !== line.lineId || candidate.sku === line.sku),
  );

/** The parent's line that takes a backorder line's units: the same line and SKU, else a new one. */
const lineFor = (parent: SaleOrder, line: OrderLine): OrderLine => {
  const same = parent.lines.find(
    (candidate) => candidate.lineId === line.lineId && candidate.sku === line.sku,
  );
  if (same) return same;
  const added: OrderLine = {
    lineId: line.lineId,
    sku: line.sku,
    quantity: 0,
    allocated: 0,
    ...(line.title ? { title: line.title } : {}),
  };
  parent.lines.push(added);
  return added;
};

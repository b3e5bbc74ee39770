import { type SaleOrder, shortfall, shortLines } from '../domain/order.js';
import { isKitComponent, kitGroups, kitsHeld, kitsOrdered } from './kit-lines.js';
import { wholeKits } from './kits.js';
import type { Workspace } from './workspace.js';

/**
 * Allocates what an order is short of one SKU from free stock: a plain line as far as the stock
 * goes, a kit line in whole kits only, taking each kit's other components with it (DESIGN §14).
 */
export const allocateShortOf = (
  ws: Workspace,
  order: SaleOrder,
  sku: string,
  free: (sku: string) => number,
  reason: string,
): void => {
  for (const line of shortLines(order).filter((short) => short.sku === sku && !isKitComponent(short)))
    ws.allocate(order, line, Math.max(0, Math.min(shortfall(line), free(sku))), reason);
  for (const group of kitGroups(order.lines).values()) {
    if (!group.some((line) => line.sku === sku && shortfall(line) > 0)) continue;
    const held = kitsHeld(group);
    const perKit = new Map(group.map((line) => [line.sku, line.perKit]));
    const kits = held + wholeKits(perKit, free, kitsOrdered(group) - held);
    for (const line of group) {
      const more = kits * line.perKit - line.allocated;
      if (more > 0) ws.allocate(order, line, more, reason);
    }
  }
};

/**
 * Gives back the units of a kit's components beyond its whole kits, so that no rule (a manual act,
 * fair share) leaves a kit line allocated in part of a kit; the excess is free stock again.
 */
export const trimToWholeKits = (ws: Workspace, order: SaleOrder): void => {
  for (const [kitLineId, group] of kitGroups(order.lines)) {
    const kits = kitsHeld(group);
    for (const line of group) {
      const excess = line.allocated - kits * line.perKit;
      if (excess > 0)
        ws.allocate(
          order,
          line,
          -excess,
          `Kit ${line.kitSku} (line ${kitLineId}) is allocated in whole kits only: ${excess} × ${line.sku} stay free.`,
        );
    }
  }
};

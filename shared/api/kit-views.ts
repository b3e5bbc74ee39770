import type * as z from 'zod/mini';
import { kitGroups, kitsHeld, kitsOrdered } from '../allocation/kit-lines.js';
import { type SaleOrder, shortfall } from '../domain/order.js';
import type { kitLineView } from './response-schemas.js';

/**
 * An order's kit lines as the order view shows them (DESIGN §14): the kit SKU, the kits ordered and
 * allocated, and each component's units.
 */
export const kitLinesOf = (order: Pick<SaleOrder, 'lines'>): Array<z.output<typeof kitLineView>> =>
  [...kitGroups(order.lines)].map(([lineId, group]) => ({
    lineId,
    sku: group[0]?.kitSku ?? '',
    quantity: kitsOrdered(group),
    kitsAllocated: kitsHeld(group),
    components: group.map((line) => ({
      lineId: line.lineId,
      sku: line.sku,
      perKit: line.perKit,
      quantity: line.quantity,
      allocated: line.allocated,
      shortfall: shortfall(line),
    })),
  }));

import type { AllocationPorts } from '../../shared/use-cases/ports.js';
import { receiveStock } from '../../shared/use-cases/receive-stock.js';

/** Receives `[sku, quantity]` lines into the `main` warehouse, as event `evt-<receiptId>`. */
export const receiveStockLines = (
  ports: AllocationPorts,
  tenant: string,
  receiptId: string,
  lines: ReadonlyArray<readonly [sku: string, quantity: number]>,
) =>
  receiveStock(
    ports,
    tenant,
    { receiptId, warehouseId: 'main', lines: lines.map(([sku, quantity]) => ({ sku, quantity })) },
    `evt-${receiptId}`,
  );

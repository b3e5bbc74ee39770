import type * as z from 'zod/mini';
import { type InboundSupply, outstandingOf } from '../domain/inbound.js';
import { availableOf, type StockLevel } from '../domain/stock.js';
import type { inboundView, stockView } from './response-schemas.js';

export const stockViewOf = (sku: string, levels: readonly StockLevel[]): z.output<typeof stockView> => {
  const onHand = levels.reduce((sum, level) => sum + level.onHand, 0);
  const allocated = levels.reduce((sum, level) => sum + level.allocated, 0);
  return {
    sku,
    levels: levels.map((level) => ({
      warehouseId: level.warehouseId,
      onHand: level.onHand,
      allocated: level.allocated,
      available: availableOf(level),
    })),
    total: { onHand, allocated, available: onHand - allocated },
  };
};

export const inboundViewOf = (
  sku: string,
  supply: readonly InboundSupply[],
): z.output<typeof inboundView> => ({
  sku,
  inbound: supply.map((line) => ({
    inboundId: line.inboundId,
    warehouseId: line.warehouseId,
    quantity: line.quantity,
    received: line.received ?? 0,
    outstanding: outstandingOf(line),
    eta: line.eta,
    ...(line.updatedAt !== undefined ? { updatedAt: line.updatedAt } : {}),
  })),
  total: supply.reduce((sum, line) => sum + outstandingOf(line), 0),
});

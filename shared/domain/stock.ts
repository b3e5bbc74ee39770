export interface StockLevel {
  tenantId: string;
  warehouseId: string;
  sku: string;
  onHand: number;
  allocated: number;
}

export const availableOf = (level: Pick<StockLevel, 'onHand' | 'allocated'>): number =>
  level.onHand - level.allocated;

/** Identifies a stock level inside one tenant. */
export const stockKey = (warehouseId: string, sku: string): string => `${warehouseId}#${sku}`;

export const emptyStockLevel = (tenantId: string, warehouseId: string, sku: string): StockLevel => ({
  tenantId,
  warehouseId,
  sku,
  onHand: 0,
  allocated: 0,
});

import { byEta, type InboundSupply, isOpen } from '../domain/inbound.js';
import type { StockLevel } from '../domain/stock.js';
import type { BackorderRepository } from '../ports/backorder-repository.js';
import type { OperatorQueries } from '../ports/operator-queries.js';
import type { TenantDirectory } from '../ports/tenant-directory.js';

export interface StockViewPorts {
  queries: OperatorQueries;
  repository: Pick<BackorderRepository, 'loadInbound'>;
  directory: Pick<TenantDirectory, 'getTenant'>;
}

/** A SKU's stock level in each warehouse (or one), in warehouse order. */
export const stockOfSku = async (
  ports: Pick<StockViewPorts, 'queries'>,
  tenantId: string,
  sku: string,
  warehouseId?: string,
): Promise<StockLevel[]> =>
  (await ports.queries.stockLevels(tenantId, sku))
    .filter((level) => warehouseId === undefined || level.warehouseId === warehouseId)
    .sort((a, b) => a.warehouseId.localeCompare(b.warehouseId));

/**
 * Open expected supply of a SKU (closed lines are left out), soonest first. Supply is kept per warehouse, so the warehouses to read
 * are the tenant's known ones and those that hold the SKU.
 */
export const inboundOfSku = async (
  ports: StockViewPorts,
  tenantId: string,
  sku: string,
  warehouseId?: string,
): Promise<InboundSupply[]> => {
  const warehouses = warehouseId !== undefined ? [warehouseId] : await warehousesFor(ports, tenantId, sku);
  const supply = await ports.repository.loadInbound(
    tenantId,
    warehouses.map((warehouse) => ({ warehouseId: warehouse, sku })),
  );
  return supply.filter(isOpen).sort(byEta);
};

const warehousesFor = async (ports: StockViewPorts, tenantId: string, sku: string): Promise<string[]> => {
  const [tenant, levels] = await Promise.all([
    ports.directory.getTenant(tenantId),
    ports.queries.stockLevels(tenantId, sku),
  ]);
  return [
    ...new Set([
      ...(tenant
        ? [tenant.defaultWarehouseId, ...tenant.warehouses, ...Object.values(tenant.channelWarehouses)]
        : []),
      ...levels.map((level) => level.warehouseId),
    ]),
  ];
};

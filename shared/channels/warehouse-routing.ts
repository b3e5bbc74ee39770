import type { WarehouseRouting } from './channel-message.js';

export const DEFAULT_WAREHOUSE_ATTRIBUTE = 'warehouse';

/** A `{name, value}` / `{key, value}` pair as channels attach them to orders. */
export interface PayloadAttribute {
  name: string;
  value: unknown;
}

/**
 * The value of the routing's warehouse attribute among `attributes`, if any. Attribute names are
 * typed by merchants, so the match ignores case and surrounding spaces.
 */
export const warehouseNamedIn = (
  attributes: readonly PayloadAttribute[],
  routing: WarehouseRouting,
): string | undefined => {
  const wanted = (routing.warehouseFromPayload ?? DEFAULT_WAREHOUSE_ATTRIBUTE).trim().toLowerCase();
  const found = attributes.find((attribute) => attribute.name.trim().toLowerCase() === wanted);
  return typeof found?.value === 'string' ? found.value : undefined;
};

/**
 * The warehouse an order goes to: the one the payload names when the tenant knows it, else the
 * one routing chose. An unknown name is not an error (the merchant may have mistyped it, and the
 * order must still be served) but it is noted, so that an operator can see why.
 */
export const chooseWarehouse = (
  routing: WarehouseRouting,
  named: string | undefined,
): { warehouseId: string; notes: string[] } => {
  const wanted = named?.trim();
  if (!wanted || wanted === routing.warehouseId) return { warehouseId: routing.warehouseId, notes: [] };
  if (routing.knownWarehouses?.includes(wanted))
    return { warehouseId: wanted, notes: [`Warehouse ${wanted} named by the channel.`] };
  const shown = wanted.length > 60 ? `${wanted.slice(0, 60)}…` : wanted;
  return {
    warehouseId: routing.warehouseId,
    notes: [`The channel named warehouse "${shown}", which is not known; routed to ${routing.warehouseId}.`],
  };
};

/** Expected supply: a purchase-order or ASN line that has not (all) arrived yet. */
export interface InboundSupply {
  tenantId: string;
  inboundId: string;
  warehouseId: string;
  sku: string;
  /** Units expected in all, as the latest change states it (0 cancels the line). */
  quantity: number;
  /** Expected arrival, ISO 8601. */
  eta: string;
  /** The sender's version of this line: a change older than the one stored is ignored. */
  updatedAt?: string;
  /** Units already received by receipts that named this inbound id. */
  received?: number;
}

/** Units still to come: what was expected less what receipts naming it brought. */
export const outstandingOf = (supply: Pick<InboundSupply, 'quantity' | 'received'>): number =>
  Math.max(0, supply.quantity - (supply.received ?? 0));

/** Closed once fully received or set to 0: it promises nothing more. */
export const isOpen = (supply: Pick<InboundSupply, 'quantity' | 'received'>): boolean =>
  outstandingOf(supply) > 0;

/** Open supply first due first; equal ETAs by inbound id, so every reader walks it the same way. */
export const byEta = (a: InboundSupply, b: InboundSupply): number =>
  Date.parse(a.eta) - Date.parse(b.eta) || a.inboundId.localeCompare(b.inboundId);

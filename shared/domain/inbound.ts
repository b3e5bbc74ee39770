/** Expected supply: a purchase-order or ASN line that has not arrived yet. */
export interface InboundSupply {
  tenantId: string;
  inboundId: string;
  warehouseId: string;
  sku: string;
  quantity: number;
  /** Expected arrival, ISO 8601. */
  eta: string;
}

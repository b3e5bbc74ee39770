/** A webhook channel and the name of its secret. */
export const WEBHOOK_CHANNELS = ['shopify', 'woocommerce', 'orders'] as const;
export type WebhookChannel = (typeof WEBHOOK_CHANNELS)[number];

/** The owner of the stock: every record, key and credential is scoped to one tenant. */
export interface Tenant {
  tenantId: string;
  defaultWarehouseId: string;
  /** Warehouses the tenant knows: an order payload may name one of these. */
  warehouses: string[];
  /** The warehouse each channel's orders go to, when it is not the default. */
  channelWarehouses: Record<string, string>;
  /** Shared secrets for webhook signatures (HMAC needs the secret itself, so it is stored, encrypted at rest). */
  webhookSecrets: Partial<Record<WebhookChannel, string>>;
  createdAt: string;
}

/** The warehouse an order goes to: one the payload names if the tenant knows it, else by channel, else the default. */
export const warehouseFor = (tenant: Tenant, channel: string, named?: string): string =>
  named && tenant.warehouses.includes(named)
    ? named
    : (tenant.channelWarehouses[channel] ?? tenant.defaultWarehouseId);

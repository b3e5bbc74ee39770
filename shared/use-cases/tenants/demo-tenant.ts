import type { TenantWithCredentials } from './ensure-tenant.js';

export const DEMO_TENANT_ID = 'demo';

/**
 * The local runtime's demo credentials when the DEMO_* variables are not set. They are public (the
 * README lists them), so they are fit for a laptop only; the local runtime alone uses them.
 */
export const DEMO_DEFAULTS = {
  apiKey: 'demo-api-key',
  shopify: 'demo-shopify-secret',
  woocommerce: 'demo-woocommerce-secret',
  orders: 'demo-orders-secret',
} as const;

/** An empty variable counts as unset, as `FOO= npm start` usually means "no value". */
const fromEnv = (env: NodeJS.ProcessEnv, name: string, fallback: string): string => env[name] || fallback;

/** The demo tenant (warehouse `main`) with its secrets from DEMO_API_KEY and DEMO_*_SECRET. */
export const demoTenantSettings = (env: NodeJS.ProcessEnv = process.env): TenantWithCredentials => ({
  tenantId: DEMO_TENANT_ID,
  defaultWarehouseId: 'main',
  apiKey: fromEnv(env, 'DEMO_API_KEY', DEMO_DEFAULTS.apiKey),
  webhookSecrets: {
    shopify: fromEnv(env, 'DEMO_SHOPIFY_SECRET', DEMO_DEFAULTS.shopify),
    woocommerce: fromEnv(env, 'DEMO_WOOCOMMERCE_SECRET', DEMO_DEFAULTS.woocommerce),
    orders: fromEnv(env, 'DEMO_ORDERS_SECRET', DEMO_DEFAULTS.orders),
  },
});

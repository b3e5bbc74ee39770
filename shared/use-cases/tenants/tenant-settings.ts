import * as z from 'zod/mini';
import { InvalidInputError } from '../../domain/errors.js';
import { type Tenant, WEBHOOK_CHANNELS, type WebhookChannel } from '../../domain/tenant.js';
import '../../zod-mini.js';
import type { Clock } from '../ports.js';

/**
 * Tenant ids appear in URLs (`/webhooks/{tenantId}/...`) and in `#`-separated table keys, so they
 * are kept to lowercase letters, digits and inner hyphens: nothing to escape, nothing to confuse.
 */
export const tenantIdSchema = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
      'a tenant id is 1 to 64 lowercase letters, digits or inner hyphens',
    ),
  );

/** Warehouse ids become parts of `#`-separated keys as well. */
export const warehouseIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a warehouse id is 1 to 64 letters, digits, _ . or -'));

/** A webhook secret chosen elsewhere (Shopify issues its own), long enough to sign with. */
export const webhookSecretSchema = z
  .string()
  .check(
    z.minLength(16, 'a webhook secret has at least 16 characters'),
    z.maxLength(512),
    z.regex(/^\S+$/, 'a webhook secret has no spaces'),
  );

/** A secret's value is never echoed back in the error. */
const parse = <T>(schema: z.ZodMiniType<T>, value: unknown, what: string, secret = false): T => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const reason = result.error.issues.map((issue) => issue.message).join('; ');
  throw new InvalidInputError(`Invalid ${what}: ${reason}`, secret ? {} : { [what]: value });
};

export const validTenantId = (tenantId: unknown): string => parse(tenantIdSchema, tenantId, 'tenantId');

export const validWarehouseId = (warehouseId: unknown): string =>
  parse(warehouseIdSchema, warehouseId, 'warehouseId');

export const validChannel = (channel: unknown): WebhookChannel => {
  if (WEBHOOK_CHANNELS.includes(channel as WebhookChannel)) return channel as WebhookChannel;
  throw new InvalidInputError(`Unknown webhook channel ${String(channel)}`, {
    channel,
    allowed: WEBHOOK_CHANNELS,
  });
};

export const validWebhookSecret = (secret: unknown): string =>
  parse(webhookSecretSchema, secret, 'webhookSecret', true);

/** The default warehouse first, then the others, each once. */
export const knownWarehouses = (defaultWarehouseId: string, warehouses: readonly string[] = []): string[] => [
  ...new Set([defaultWarehouseId, ...warehouses].map(validWarehouseId)),
];

/** A tenant as it is first stored: in the warehouses named (`main` unless told), no channel routed yet. */
export const newTenant = (
  tenantId: string,
  settings: { defaultWarehouseId?: string; warehouses?: readonly string[] },
  webhookSecrets: Record<WebhookChannel, string>,
  clock: Clock,
): Tenant => {
  const defaultWarehouseId = validWarehouseId(settings.defaultWarehouseId ?? 'main');
  return {
    tenantId,
    defaultWarehouseId,
    warehouses: knownWarehouses(defaultWarehouseId, settings.warehouses),
    channelWarehouses: {},
    webhookSecrets,
    createdAt: clock(),
  };
};

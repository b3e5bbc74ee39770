import { type Tenant, WEBHOOK_CHANNELS, type WebhookChannel } from '../../domain/tenant.js';
import { TenantAlreadyExistsError } from '../../domain/tenant-errors.js';
import type { TenantDirectory } from '../../ports/tenant-directory.js';
import { type Clock, systemClock } from '../ports.js';
import { hashApiKey, newApiKey, newWebhookSecret } from './credentials.js';
import { newTenant, validTenantId } from './tenant-settings.js';

export interface NewTenant {
  tenantId: string;
  defaultWarehouseId?: string;
  /** Other warehouses an order payload may name; the default is always one of them. */
  warehouses?: readonly string[];
}

/** The only time the API key is ever seen: it is stored as its hash alone. */
export interface CreatedTenant {
  tenant: Tenant;
  apiKey: string;
}

export const newWebhookSecrets = (): Record<WebhookChannel, string> =>
  Object.fromEntries(WEBHOOK_CHANNELS.map((channel) => [channel, newWebhookSecret()])) as Record<
    WebhookChannel,
    string
  >;

/** Creates a tenant with a fresh API key and webhook secrets; an existing id is refused, never overwritten. */
export const createTenant = async (
  directory: TenantDirectory,
  input: NewTenant,
  clock: Clock = systemClock,
): Promise<CreatedTenant> => {
  const tenantId = validTenantId(input.tenantId);
  const tenant = newTenant(tenantId, input, newWebhookSecrets(), clock);
  const apiKey = newApiKey(tenantId);
  if (!(await directory.createTenant(tenant, hashApiKey(apiKey))))
    throw new TenantAlreadyExistsError(tenantId);
  return { tenant, apiKey };
};

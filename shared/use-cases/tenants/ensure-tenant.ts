import { InvalidInputError } from '../../domain/errors.js';
import type { Tenant, WebhookChannel } from '../../domain/tenant.js';
import { TenantKeysChangedError } from '../../domain/tenant-errors.js';
import type { TenantDirectory } from '../../ports/tenant-directory.js';
import { type Clock, systemClock } from '../ports.js';
import { hashApiKey, isWellFormedApiKey, MAX_API_KEY_LENGTH, MIN_API_KEY_LENGTH } from './credentials.js';
import { newTenant, validTenantId } from './tenant-settings.js';

/** A tenant whose credentials are chosen by its operator (the local runtime's demo tenant). */
export interface TenantWithCredentials {
  tenantId: string;
  apiKey: string;
  webhookSecrets: Record<WebhookChannel, string>;
  defaultWarehouseId?: string;
  warehouses?: readonly string[];
}

export interface EnsuredTenant {
  tenant: Tenant;
  created: boolean;
}

const validSettings = (settings: TenantWithCredentials): TenantWithCredentials => {
  validTenantId(settings.tenantId);
  if (!isWellFormedApiKey(settings.apiKey))
    throw new InvalidInputError(
      `The API key must be ${MIN_API_KEY_LENGTH} to ${MAX_API_KEY_LENGTH} letters, digits or - . _ ~ + / =`,
    );
  for (const [channel, secret] of Object.entries(settings.webhookSecrets))
    if (typeof secret !== 'string' || secret.length === 0)
      throw new InvalidInputError(`The ${channel} webhook secret must not be empty`, { channel });
  return settings;
};

const sameSecrets = (tenant: Tenant, secrets: Record<WebhookChannel, string>): boolean =>
  Object.entries(secrets).every(
    ([channel, secret]) => tenant.webhookSecrets[channel as WebhookChannel] === secret,
  );

/**
 * Makes the tenant exist with exactly these credentials, whatever was stored before: a changed key
 * revokes the old one at once (no grace: these are local, chosen secrets). Running it again with the
 * same settings writes nothing. Warehouses are set only when the tenant is created.
 */
export const ensureTenant = async (
  directory: TenantDirectory,
  settings: TenantWithCredentials,
  clock: Clock = systemClock,
): Promise<EnsuredTenant> => {
  const { tenantId, apiKey, webhookSecrets } = validSettings(settings);
  const apiKeyHash = hashApiKey(apiKey);
  const fresh = newTenant(tenantId, settings, { ...webhookSecrets }, clock);

  const existing = await directory.getTenant(tenantId);
  if (!existing && (await directory.createTenant(fresh, apiKeyHash))) return { tenant: fresh, created: true };

  // Present, or created meanwhile by a concurrent start: converge on the settings given.
  const base = existing ?? fresh;
  const tenant: Tenant = { ...base, webhookSecrets: { ...base.webhookSecrets, ...webhookSecrets } };
  if (!existing || !sameSecrets(existing, webhookSecrets)) await directory.saveTenant(tenant);
  const keys = await directory.apiKeys(tenantId);
  if (keys?.current !== apiKeyHash || keys.previous) {
    if (!(await directory.replaceApiKeys(tenantId, keys, { current: apiKeyHash })))
      throw new TenantKeysChangedError(tenantId);
  }
  return { tenant, created: false };
};

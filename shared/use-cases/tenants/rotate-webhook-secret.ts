import { TenantNotFoundError } from '../../domain/tenant-errors.js';
import type { TenantDirectory } from '../../ports/tenant-directory.js';
import { newWebhookSecret } from './credentials.js';
import { validChannel, validTenantId, validWebhookSecret } from './tenant-settings.js';

export interface RotatedWebhookSecret {
  tenantId: string;
  channel: string;
  secret: string;
}

/**
 * Replaces one channel's webhook secret; the old one stops verifying at once, so deliveries signed
 * with it are refused until the channel is given the new one (the channels retry them). `secret`
 * takes one the channel issued itself: Shopify signs with a key it generates, not one we choose.
 */
export const rotateWebhookSecret = async (
  directory: TenantDirectory,
  tenantId: string,
  channel: string,
  secret?: string,
): Promise<RotatedWebhookSecret> => {
  validTenantId(tenantId);
  const webhookChannel = validChannel(channel);
  const next = secret === undefined ? newWebhookSecret() : validWebhookSecret(secret);
  const tenant = await directory.getTenant(tenantId);
  if (!tenant) throw new TenantNotFoundError(tenantId);
  await directory.saveTenant({
    ...tenant,
    webhookSecrets: { ...tenant.webhookSecrets, [webhookChannel]: next },
  });
  return { tenantId, channel: webhookChannel, secret: next };
};

import { InvalidInputError } from '../../domain/errors.js';
import {
  ApiKeyMismatchError,
  TenantKeysChangedError,
  TenantNotFoundError,
} from '../../domain/tenant-errors.js';
import type { TenantApiKeys, TenantDirectory } from '../../ports/tenant-directory.js';
import { type Clock, systemClock } from '../ports.js';
import { hashApiKey, isWellFormedApiKey, newApiKey, sameHash } from './credentials.js';
import { validTenantId } from './tenant-settings.js';

/** Long enough to redeploy every integration, short enough that a forgotten old key soon dies. */
export const MAX_GRACE_SECONDS = 7 * 24 * 60 * 60;

export interface RotateApiKeyOptions {
  /** When given, the rotation happens only if this is the tenant's current key (self-service). */
  currentKey?: string;
  /**
   * How long the replaced key keeps working, so integrations can switch without downtime. The
   * default, 0, revokes it in the same write that makes the new one valid: the answer to a leak.
   * Requests already holding it may still pass for up to 90 s: the gateway caches the authorizer's
   * answer for a minute, and the authorizer its key lookups for 30 s.
   */
  graceSeconds?: number;
}

export interface RotatedApiKey {
  tenantId: string;
  apiKey: string;
  /** Until when the replaced key still works, when there is a grace period. */
  previousKeyValidUntil?: string;
}

const validGrace = (graceSeconds: number): number => {
  if (Number.isInteger(graceSeconds) && graceSeconds >= 0 && graceSeconds <= MAX_GRACE_SECONDS)
    return graceSeconds;
  throw new InvalidInputError(
    `The grace period is a whole number of seconds from 0 to ${MAX_GRACE_SECONDS}`,
    {
      graceSeconds,
    },
  );
};

const presentedKeyIsCurrent = (keys: TenantApiKeys | undefined, currentKey: string): boolean =>
  keys !== undefined && isWellFormedApiKey(currentKey) && sameHash(hashApiKey(currentKey), keys.current);

/**
 * Issues a new API key. Any key still in a grace period from an earlier rotation is revoked now:
 * a tenant never has more than two valid keys.
 */
export const rotateApiKey = async (
  directory: TenantDirectory,
  tenantId: string,
  options: RotateApiKeyOptions = {},
  clock: Clock = systemClock,
): Promise<RotatedApiKey> => {
  validTenantId(tenantId);
  const graceSeconds = validGrace(options.graceSeconds ?? 0);
  if (!(await directory.getTenant(tenantId))) throw new TenantNotFoundError(tenantId);
  const keys = await directory.apiKeys(tenantId);
  if (options.currentKey !== undefined && !presentedKeyIsCurrent(keys, options.currentKey))
    throw new ApiKeyMismatchError(tenantId);

  const apiKey = newApiKey(tenantId);
  const validUntil =
    keys && graceSeconds > 0 ? new Date(Date.parse(clock()) + graceSeconds * 1000).toISOString() : undefined;
  const next: TenantApiKeys = {
    current: hashApiKey(apiKey),
    ...(keys && validUntil ? { previous: { hash: keys.current, validUntil } } : {}),
  };
  if (!(await directory.replaceApiKeys(tenantId, keys, next))) throw new TenantKeysChangedError(tenantId);
  return { tenantId, apiKey, ...(validUntil ? { previousKeyValidUntil: validUntil } : {}) };
};

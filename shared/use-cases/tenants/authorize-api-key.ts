import type { ApiKeyHolder, TenantDirectory } from '../../ports/tenant-directory.js';
import { type Clock, systemClock } from '../ports.js';
import { apiKeyId, hashApiKey, isWellFormedApiKey } from './credentials.js';

export type ApiKeyVerdict =
  | { authorized: true; tenantId: string; keyId: string; operator?: string }
  | { authorized: false; reason: 'missing' | 'malformed' | 'unknown' };

export interface ApiKeyCacheOptions {
  /** How long a valid key is trusted without a read: also how long a revoked key may still pass. */
  positiveMs?: number;
  /** Short, so a flood of wrong keys costs few reads yet a key just created soon works. */
  negativeMs?: number;
  /** Bounds the memory a flood of random keys can take. */
  maxEntries?: number;
}

const BEARER = /^\s*Bearer\s+(\S+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export const bearerToken = (authorization: string | undefined): string | undefined =>
  authorization?.match(BEARER)?.[1];

/**
 * Authorizes a request by its Authorization header. Keys are looked up by hash only, so neither
 * the lookup nor the cache holds a key, and what a wrong key costs does not depend on how close
 * it is to a right one. Results are cached per container, keyed by hash.
 */
export const makeApiKeyAuthorizer = (
  directory: Pick<TenantDirectory, 'apiKeyHolder'>,
  clock: Clock = systemClock,
  { positiveMs = 30_000, negativeMs = 5_000, maxEntries = 10_000 }: ApiKeyCacheOptions = {},
) => {
  const cache = new Map<string, { holder: ApiKeyHolder | undefined; until: number }>();

  const remember = (hash: string, holder: ApiKeyHolder | undefined, now: number) => {
    cache.delete(hash);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(hash, { holder, until: now + (holder ? positiveMs : negativeMs) });
  };

  return async (authorization: string | undefined): Promise<ApiKeyVerdict> => {
    if (!authorization) return { authorized: false, reason: 'missing' };
    const key = bearerToken(authorization);
    if (!key || !isWellFormedApiKey(key)) return { authorized: false, reason: 'malformed' };

    const hash = hashApiKey(key);
    const at = clock();
    const now = Date.parse(at);
    const cached = cache.get(hash);
    let holder: ApiKeyHolder | undefined;
    if (cached && cached.until > now) holder = cached.holder;
    else {
      holder = await directory.apiKeyHolder(hash, at);
      remember(hash, holder, now);
    }
    return holder
      ? {
          authorized: true,
          tenantId: holder.tenantId,
          keyId: apiKeyId(hash),
          ...(holder.operator ? { operator: holder.operator } : {}),
        }
      : { authorized: false, reason: 'unknown' };
  };
};

export type ApiKeyAuthorizer = ReturnType<typeof makeApiKeyAuthorizer>;

import type { Tenant } from '../domain/tenant.js';

/**
 * A tenant's valid API keys, by SHA-256 hash: the current one, and the one it replaced while a
 * rotation's grace period lasts (so integrations can switch keys without downtime).
 */
export interface TenantApiKeys {
  current: string;
  previous?: { hash: string; validUntil: string };
}

export interface TenantDirectory {
  getTenant(tenantId: string): Promise<Tenant | undefined>;
  saveTenant(tenant: Tenant): Promise<void>;
  /** Registers a new tenant and its first API key hash in one write; false when the id is taken. */
  createTenant(tenant: Tenant, apiKeyHash: string): Promise<boolean>;
  /** The tenant an API key (by its SHA-256 hash) belongs to, if the key is still valid at `at`. */
  tenantForApiKeyHash(hash: string, at?: string): Promise<string | undefined>;
  apiKeys(tenantId: string): Promise<TenantApiKeys | undefined>;
  /**
   * Replaces the tenant's keys in one write: a hash in `expected` but not in `next` stops working
   * at once. False, and nothing written, when the stored keys are no longer `expected`.
   */
  replaceApiKeys(
    tenantId: string,
    expected: TenantApiKeys | undefined,
    next: TenantApiKeys,
  ): Promise<boolean>;
}

import type { Tenant } from '../domain/tenant.js';

/**
 * A tenant's valid API keys, by SHA-256 hash: the current one, and the one it replaced while a
 * rotation's grace period lasts (so integrations can switch keys without downtime).
 */
export interface TenantApiKeys {
  current: string;
  previous?: { hash: string; validUntil: string };
}

/** A named operator's key: who acts with it is recorded in every history entry it causes. */
export interface OperatorKey {
  name: string;
  /** The key's hash prefix (never the key). */
  keyId: string;
  createdAt: string;
}

/** Whom an API key opens the API for: its tenant, and the operator it was issued to, if named. */
export interface ApiKeyHolder {
  tenantId: string;
  operator?: string;
}

export interface TenantDirectory {
  getTenant(tenantId: string): Promise<Tenant | undefined>;
  saveTenant(tenant: Tenant): Promise<void>;
  /** Registers a new tenant and its first API key hash in one write; false when the id is taken. */
  createTenant(tenant: Tenant, apiKeyHash: string): Promise<boolean>;
  /** The tenant an API key (by its SHA-256 hash) belongs to, if the key is still valid at `at`. */
  tenantForApiKeyHash(hash: string, at?: string): Promise<string | undefined>;
  /** The tenant an API key (by hash) belongs to and the operator it names, if still valid at `at`. */
  apiKeyHolder(hash: string, at?: string): Promise<ApiKeyHolder | undefined>;
  /** Registers a named operator's key; false, and nothing written, when the name is taken. */
  addOperator(tenantId: string, operator: OperatorKey, apiKeyHash: string): Promise<boolean>;
  listOperators(tenantId: string): Promise<OperatorKey[]>;
  /** Removes the operator and its key in one write; false when there is no such operator. */
  removeOperator(tenantId: string, name: string): Promise<boolean>;
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

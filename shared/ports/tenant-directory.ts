import type { Tenant } from '../domain/tenant.js';

export interface TenantDirectory {
  getTenant(tenantId: string): Promise<Tenant | undefined>;
  saveTenant(tenant: Tenant): Promise<void>;
  /** The tenant an API key (by its SHA-256 hash) belongs to. */
  tenantForApiKeyHash(hash: string): Promise<string | undefined>;
  /** Makes a key hash valid for the tenant; `replaces` is revoked in the same write (rotation). */
  saveApiKeyHash(tenantId: string, hash: string, replaces?: string): Promise<void>;
}

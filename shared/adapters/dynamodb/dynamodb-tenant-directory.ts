import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Tenant } from '../../domain/tenant.js';
import type { TenantDirectory } from '../../ports/tenant-directory.js';
import { apiKeyKey, tenantKey, tenantRegistryKey } from './keys.js';

/** Tenants and their API key hashes in the backorder table; tenant profiles are cached briefly. */
export class DynamoDbTenantDirectory implements TenantDirectory {
  private readonly cache = new Map<string, { at: number; tenant: Tenant | undefined }>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cacheMs = 30_000,
  ) {}

  async getTenant(tenantId: string): Promise<Tenant | undefined> {
    const cached = this.cache.get(tenantId);
    if (cached && Date.now() - cached.at < this.cacheMs) return cached.tenant;
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: tenantKey(tenantId), ConsistentRead: true }),
    );
    const tenant = Item?.tenant as Tenant | undefined;
    this.cache.set(tenantId, { at: Date.now(), tenant });
    return tenant;
  }

  async saveTenant(tenant: Tenant): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...tenantKey(tenant.tenantId), entity: 'tenant', tenant },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...tenantRegistryKey(tenant.tenantId), tenantId: tenant.tenantId },
            },
          },
        ],
      }),
    );
    this.cache.delete(tenant.tenantId);
  }

  async tenantForApiKeyHash(hash: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: apiKeyKey(hash) }),
    );
    return Item?.tenantId as string | undefined;
  }

  async saveApiKeyHash(tenantId: string, hash: string, replaces?: string): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { ...apiKeyKey(hash), entity: 'apiKey', tenantId } } },
          ...(replaces ? [{ Delete: { TableName: this.tableName, Key: apiKeyKey(replaces) } }] : []),
        ],
      }),
    );
  }
}

import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Tenant } from '../../domain/tenant.js';
import { ApiKeyInUseError } from '../../domain/tenant-errors.js';
import type {
  ApiKeyHolder,
  OperatorKey,
  TenantApiKeys,
  TenantDirectory,
} from '../../ports/tenant-directory.js';
import { documentSdk } from '../aws-sdk.js';
import { apiKeyWrites } from './api-key-writes.js';
import type { TransactItem } from './decision-writes.js';
import { apiKeyKey, tenantApiKeysKey, tenantKey, tenantRegistryKey } from './keys.js';
import { addOperatorRecords, operatorRecords, removeOperatorRecords } from './operator-key-records.js';

/** Indexes of the transaction's items whose condition failed; rethrows anything else. */
const failedConditions = (error: unknown): number[] => {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') throw error;
  const failed = ((error as TransactionCanceledException).CancellationReasons ?? []).flatMap(
    (reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []),
  );
  if (failed.length === 0) throw error;
  return failed;
};

export interface TenantCacheOptions {
  /** Most tenant ids kept, known or not (the oldest go first). */
  maxCached?: number;
  /** How long an unknown tenant id is remembered as unknown. */
  unknownMs?: number;
  /** Epoch milliseconds. */
  now?: () => number;
}

/** Tenants and their API key hashes in the backorder table; tenant profiles are cached briefly. */
export class DynamoDbTenantDirectory implements TenantDirectory {
  private readonly cache = new Map<string, { at: number; tenant: Tenant | undefined }>();

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly cacheMs = 30_000,
    readonly cacheOptions: TenantCacheOptions = {},
  ) {}

  /** How many tenant ids (known or not) the cache holds. */
  get cachedTenants(): number {
    return this.cache.size;
  }

  private now(): number {
    return this.cacheOptions.now?.() ?? Date.now();
  }

  /**
   * Ids come from webhook URLs, which anyone may call: the cache holds at most `maxCached` of them
   * (the least recently used go first), and an unknown id for `unknownMs` only, so a flood of
   * made-up ids neither grows the container's memory nor keeps a tenant created since locked out.
   */
  async getTenant(tenantId: string): Promise<Tenant | undefined> {
    const { maxCached = 1_000, unknownMs = 5_000 } = this.cacheOptions;
    const cached = this.cache.get(tenantId);
    const fresh =
      cached && this.now() - cached.at < (cached.tenant ? this.cacheMs : Math.min(unknownMs, this.cacheMs));
    this.cache.delete(tenantId);
    if (cached && fresh) {
      this.cache.set(tenantId, cached);
      return cached.tenant;
    }
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: tenantKey(tenantId), ConsistentRead: true }),
    );
    const tenant = Item?.tenant as Tenant | undefined;
    if (this.cacheMs <= 0) return tenant;
    while (this.cache.size >= maxCached) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(tenantId, { at: this.now(), tenant });
    return tenant;
  }

  async saveTenant(tenant: Tenant): Promise<void> {
    const { TransactWriteCommand } = await documentSdk();
    await this.client.send(new TransactWriteCommand({ TransactItems: this.profileWrites(tenant) }));
    this.cache.delete(tenant.tenantId);
  }

  async createTenant(tenant: Tenant, apiKeyHash: string): Promise<boolean> {
    const { TransactWriteCommand } = await documentSdk();
    const items: TransactItem[] = [
      ...this.profileWrites(tenant, 'attribute_not_exists(pk)'),
      ...apiKeyWrites(this.tableName, tenant.tenantId, undefined, { current: apiKeyHash }),
    ];
    this.cache.delete(tenant.tenantId);
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      // Item 2 is the tenant's key record: present means the tenant was created before, too.
      if (failedConditions(error).every((index) => index === 0 || index === 2)) return false;
      throw new ApiKeyInUseError(tenant.tenantId);
    }
  }

  async tenantForApiKeyHash(hash: string, at?: string): Promise<string | undefined> {
    return (await this.apiKeyHolder(hash, at))?.tenantId;
  }

  async apiKeyHolder(hash: string, at = new Date().toISOString()): Promise<ApiKeyHolder | undefined> {
    // Consistent, so a key revoked by a rotation fails from the moment the rotation returns.
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: apiKeyKey(hash), ConsistentRead: true }),
    );
    if (typeof Item?.tenantId !== 'string') return undefined;
    if (typeof Item.validUntil === 'string' && Item.validUntil <= at) return undefined;
    return {
      tenantId: Item.tenantId,
      ...(typeof Item.operator === 'string' ? { operator: Item.operator } : {}),
    };
  }

  addOperator(tenantId: string, operator: OperatorKey, apiKeyHash: string): Promise<boolean> {
    return addOperatorRecords(this, tenantId, operator, apiKeyHash);
  }

  async listOperators(tenantId: string): Promise<OperatorKey[]> {
    return (await operatorRecords(this, tenantId)).map(({ hash: _hash, ...operator }) => operator);
  }

  removeOperator(tenantId: string, name: string): Promise<boolean> {
    return removeOperatorRecords(this, tenantId, name);
  }

  async apiKeys(tenantId: string): Promise<TenantApiKeys | undefined> {
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: tenantApiKeysKey(tenantId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const previous = Item.previous as TenantApiKeys['previous'];
    return { current: String(Item.current), ...(previous ? { previous } : {}) };
  }

  async replaceApiKeys(
    tenantId: string,
    expected: TenantApiKeys | undefined,
    next: TenantApiKeys,
  ): Promise<boolean> {
    const { TransactWriteCommand } = await documentSdk();
    const items = apiKeyWrites(this.tableName, tenantId, expected, next);
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (failedConditions(error).includes(0)) return false;
      throw new ApiKeyInUseError(tenantId);
    }
  }

  /** The profile, and the tenant's entry in the registry; a condition applies to the profile. */
  private profileWrites(tenant: Tenant, condition?: string): TransactItem[] {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...tenantKey(tenant.tenantId), entity: 'tenant', tenant },
          ...(condition ? { ConditionExpression: condition } : {}),
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...tenantRegistryKey(tenant.tenantId), tenantId: tenant.tenantId },
        },
      },
    ];
  }
}

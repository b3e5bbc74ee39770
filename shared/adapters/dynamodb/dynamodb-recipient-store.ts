import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecipientStore } from '../../ports/recipient-store.js';
import type { Recipient } from '../../recipients/recipient.js';
import { RecipientExistsError, RecipientLimitError } from '../../recipients/recipient-errors.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionFields, countBelow, itemExists, itemIsNew } from './conditions.js';
import { recipientCountKey, recipientKey, recipientsPk } from './keys.js';

/** The stored item, without its keys and entity tag: the recipient as it was added. */
const recipientOf = ({
  pk: _pk,
  sk: _sk,
  entity: _entity,
  ...recipient
}: Record<string, unknown>): Recipient => recipient as unknown as Recipient;

/**
 * Recipients under `T#<tenant>#RECIPIENTS` (`RECIPIENT#<id>`), beside a `COUNT` item that one
 * transaction moves with each add or removal, so the tenant's cap holds under concurrent adds.
 */
export class DynamoDbRecipientStore implements RecipientStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async count(tenantId: string): Promise<number> {
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: recipientCountKey(tenantId), ConsistentRead: true }),
    );
    return typeof Item?.count === 'number' ? Item.count : 0;
  }

  async list(tenantId: string): Promise<Recipient[]> {
    const { QueryCommand } = await documentSdk();
    // At most MAX_RECIPIENTS_PER_TENANT small items: one page.
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': recipientsPk(tenantId), ':prefix': 'RECIPIENT#' },
        ConsistentRead: true,
      }),
    );
    return Items.map(recipientOf).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async get(tenantId: string, recipientId: string): Promise<Recipient | undefined> {
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: recipientKey(tenantId, recipientId),
        ConsistentRead: true,
      }),
    );
    return Item ? recipientOf(Item) : undefined;
  }

  async add(recipient: Recipient, limit: number): Promise<void> {
    const { TransactWriteCommand } = await documentSdk();
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...recipientKey(recipient.tenantId, recipient.recipientId),
                  entity: 'recipient',
                  ...recipient,
                },
                ...conditionFields(itemIsNew()),
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: recipientCountKey(recipient.tenantId),
                UpdateExpression: 'ADD #countBelow :one',
                ...conditionFields(countBelow(limit)),
                ExpressionAttributeValues: { ...countBelow(limit).values, ':one': 1 },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
      const [put, count] =
        (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
      if (put?.Code === 'ConditionalCheckFailed') throw new RecipientExistsError(recipient.recipientId);
      if (count?.Code === 'ConditionalCheckFailed') throw new RecipientLimitError(limit);
      throw error;
    }
  }

  async remove(tenantId: string, recipientId: string): Promise<boolean> {
    const { TransactWriteCommand } = await documentSdk();
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: recipientKey(tenantId, recipientId),
                ...conditionFields(itemExists()),
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: recipientCountKey(tenantId),
                UpdateExpression: 'ADD #count :minusOne',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':minusOne': -1 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      // Already gone: nothing was removed, and the count is unchanged.
      if ((error as Error).name === 'TransactionCanceledException') return false;
      throw error;
    }
  }
}

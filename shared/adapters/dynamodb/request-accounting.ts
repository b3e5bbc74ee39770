import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What a client has spent, in the units DynamoDB bills. */
export interface RequestTally {
  requests: number;
  byOperation: Record<string, number>;
  transactionItems: number;
  /** Write capacity as DynamoDB bills it: 1 KB units per item written, doubled in transactions. */
  modelledWcu: number;
  itemsRead: number;
  /** Stock items written (each is a write to a hot partition when the SKU is busy). */
  stockWrites: number;
}

export const emptyTally = (): RequestTally => ({
  requests: 0,
  byOperation: {},
  transactionItems: 0,
  modelledWcu: 0,
  itemsRead: 0,
  stockWrites: 0,
});

type AttributeMap = Record<string, AttributeValue>;

const valueSize = (value: AttributeValue): number => {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, item) => sum + 1 + valueSize(item), 0);
  if (value.M !== undefined) return 3 + itemSize(value.M);
  if (value.SS !== undefined) return value.SS.reduce((sum, item) => sum + Buffer.byteLength(item), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, item) => sum + item.length, 0);
  return 0;
};

/** DynamoDB's item size: attribute names plus values. */
export const itemSize = (item: AttributeMap): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);

const capacityUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

const isStockKey = (key: AttributeMap | undefined): boolean => Boolean(key?.pk?.S?.includes('#STOCK#'));

interface TransactRequest {
  Put?: { Item?: AttributeMap };
  Update?: { Key?: AttributeMap };
  Delete?: { Key?: AttributeMap };
  ConditionCheck?: { Key?: AttributeMap };
}

const writeUnits = (request: TransactRequest): number => {
  if (request.Put?.Item) return capacityUnits(itemSize(request.Put.Item));
  return request.ConditionCheck ? 0 : 1;
};

/**
 * Counts requests, transaction items, modelled write capacity and items read on a client, as an
 * SDK middleware: the figures come from what is really sent, not from what the code meant to send.
 */
export const attachRequestAccounting = (client: DynamoDBClient, tally: RequestTally): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      tally.requests += 1;
      tally.byOperation[operation] = (tally.byOperation[operation] ?? 0) + 1;
      const input = args.input as {
        TransactItems?: TransactRequest[];
        Item?: AttributeMap;
        Key?: AttributeMap;
      };
      if (input.TransactItems) {
        tally.transactionItems += input.TransactItems.length;
        for (const request of input.TransactItems) {
          tally.modelledWcu += 2 * writeUnits(request);
          if (isStockKey(request.Update?.Key ?? request.Put?.Item)) tally.stockWrites += 1;
        }
      } else if (operation === 'PutItem' && input.Item) {
        tally.modelledWcu += capacityUnits(itemSize(input.Item));
      } else if (operation === 'UpdateItem' || operation === 'DeleteItem') {
        tally.modelledWcu += 1;
        if (isStockKey(input.Key)) tally.stockWrites += 1;
      }
      const result = await next(args);
      const output = result.output as {
        Count?: number;
        Item?: unknown;
        Responses?: Record<string, unknown[]>;
      };
      tally.itemsRead +=
        (output.Count ?? 0) +
        (output.Item ? 1 : 0) +
        Object.values(output.Responses ?? {}).reduce(
          (sum, items) => sum + (Array.isArray(items) ? items.length : 0),
          0,
        );
      return result;
    },
    { step: 'build', name: 'requestAccounting' },
  );
};

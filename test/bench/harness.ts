/**
 * A repository on its own copy of the template's tables, wired as a handler wires it (default
 * policy cache, real backoff), with every request it sends counted.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbBackorderRepository } from '../../shared/adapters/dynamodb/dynamodb-backorder-repository.js';
import {
  attachRequestAccounting,
  emptyTally,
  type RequestTally,
} from '../../shared/adapters/dynamodb/request-accounting.js';
import { stockUpdate } from '../../shared/adapters/dynamodb/stock-updates.js';
import { type AllocationPorts, systemClock } from '../../shared/use-cases/ports.js';
import { createTestTables } from '../support/tables.js';
import { emptyTransactionStats, type TransactionStats, watchTransactions } from './transaction-watch.js';

export const TENANT = 'bench';
export const WAREHOUSE = 'main';

export interface BenchHarness {
  tableName: string;
  /** DynamoDB Local's address, for clients of their own. */
  endpoint: string;
  client: DynamoDBDocumentClient;
  /** The low-level client: middleware (accounting, injected faults) goes here. */
  dynamodb: DynamoDBClient;
  ports: AllocationPorts;
  tally: RequestTally;
  transactions: TransactionStats;
  /** Zeroes the request tally and the transaction outcomes. */
  resetTally(): void;
  /** Adds units on hand, written as the adapter writes stock. */
  addStock(sku: string, units: number): Promise<void>;
  drop(): Promise<void>;
}

export const createBenchHarness = async (label: string): Promise<BenchHarness> => {
  const tables = await createTestTables(`bench-${label}`);
  const tally = emptyTally();
  attachRequestAccounting(tables.dynamodb, tally);
  const transactions = emptyTransactionStats();
  watchTransactions(tables.dynamodb, transactions);
  const repository = new DynamoDbBackorderRepository({ client: tables.client, tableName: tables.tableName });
  return {
    tableName: tables.tableName,
    endpoint: tables.endpoint,
    client: tables.client,
    dynamodb: tables.dynamodb,
    ports: { repository, clock: systemClock },
    tally,
    transactions,
    resetTally: () => {
      Object.assign(tally, emptyTally());
      Object.assign(transactions, emptyTransactionStats());
    },
    addStock: async (sku, units) => {
      const { Update } = stockUpdate(tables.tableName, TENANT, {
        warehouseId: WAREHOUSE,
        sku,
        onHand: units,
        allocated: 0,
      });
      await tables.client.send(new UpdateCommand(Update as NonNullable<typeof Update>));
    },
    drop: () => tables.drop(),
  };
};

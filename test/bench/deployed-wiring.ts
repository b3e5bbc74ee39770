/**
 * The handlers' wiring on a bench harness, as `deployedAdapters` builds it, except that the outbox
 * (taking published entries off after a commit) sends through a client of its own with its own
 * tally: the decision's cost and the publishing's bookkeeping are counted apart.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbInbox } from '../../shared/adapters/dynamodb/dynamodb-inbox.js';
import { DynamoDbOutbox } from '../../shared/adapters/dynamodb/dynamodb-outbox.js';
import {
  attachRequestAccounting,
  emptyTally,
  type RequestTally,
} from '../../shared/adapters/dynamodb/request-accounting.js';
import { type Wiring, wireAdapters } from '../../shared/runtime/adapters.js';
import { publishingAfterCommit } from '../../shared/use-cases/publish-events.js';
import { InMemoryPublisher } from '../support/in-memory-publisher.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../support/tables.js';
import type { BenchHarness } from './harness.js';

export interface DeployedWiring {
  wiring: Wiring;
  /** What publishing's bookkeeping sent (the decision's requests are on the harness's tally). */
  outboxTally: RequestTally;
  close(): void;
}

export const deployedWiring = (harness: BenchHarness): DeployedWiring => {
  const dynamodb = new DynamoDBClient({
    endpoint: harness.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const outboxTally = emptyTally();
  attachRequestAccounting(dynamodb, outboxTally);
  const outboxClient = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const wiring = wireAdapters({
    documents: harness.client,
    tableName: harness.tableName,
    publisher: new InMemoryPublisher(),
  });
  const outbox = new DynamoDbOutbox(outboxClient, harness.tableName);
  const publishing = { ...wiring.publishing, outbox };
  return {
    wiring: {
      ...wiring,
      outbox,
      publishing,
      // Every commit publishes right after itself (runDecision): its take-off goes on outboxTally.
      allocation: { ...wiring.allocation, publishing: publishingAfterCommit(publishing, () => undefined) },
      webhooks: { ...wiring.webhooks, outbox, inbox: new DynamoDbInbox(outboxClient, harness.tableName) },
    },
    outboxTally,
    close: () => dynamodb.destroy(),
  };
};

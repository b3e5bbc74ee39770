/** Creates the template's DynamoDB tables in DynamoDB Local when they are missing. */
import {
  CreateTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { tableDefinitionsFromTemplate } from '../../template/table-definitions.js';
import type { AppTemplate } from './template.js';

/** Creates the tables that do not exist yet. Returns the names created. */
export async function ensureTables(
  client: DynamoDBClient,
  template: AppTemplate,
): Promise<{ created: string[] }> {
  const resources = Object.fromEntries(template.resources);
  const definitions = tableDefinitionsFromTemplate({ Resources: resources });
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start);
  const created: string[] = [];
  for (const definition of definitions) {
    const name = definition.createTable.TableName as string;
    if (existing.has(name)) continue;
    await client.send(new CreateTableCommand(definition.createTable));
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: name });
    if (definition.timeToLiveAttribute)
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { Enabled: true, AttributeName: definition.timeToLiveAttribute },
        }),
      );
    created.push(name);
  }
  return { created };
}

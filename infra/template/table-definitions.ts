/**
 * Turns the DynamoDB tables of a synthesized CloudFormation template into CreateTable requests,
 * so local tables (DynamoDB Local in tests, the local runtime) come from the CDK definition and
 * never from a second, hand-written one. Pure: no AWS call, no CDK import.
 *
 * What a local table needs is taken over: key schema, attribute definitions, global and local
 * secondary indexes with their projections, the stream view type and the TTL attribute. Billing
 * is always PAY_PER_REQUEST locally. What has no local meaning is left out on purpose: replicas,
 * encryption, point-in-time recovery, deletion protection, tags, contributor insights.
 * Anything among the parts that are taken over that is not a plain literal (an intrinsic
 * function such as `Ref`, an unknown key type) is an error naming the resource.
 */
import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  StreamViewType,
} from '@aws-sdk/client-dynamodb';

export const DYNAMODB_TABLE_TYPES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'] as const;
export type DynamoDbTableResourceType = (typeof DYNAMODB_TABLE_TYPES)[number];

export interface TableDefinition {
  /** The resource's logical id in the template. */
  readonly logicalId: string;
  readonly resourceType: DynamoDbTableResourceType;
  /** The table as a CreateTable request; `TableName` is the template's literal name or the logical id. */
  readonly createTable: CreateTableCommandInput;
  /** The TTL attribute, where TTL is enabled. */
  readonly timeToLiveAttribute?: string;
}

export class TemplateTableError extends Error {
  constructor(
    readonly logicalId: string,
    message: string,
  ) {
    super(`DynamoDB table resource ${logicalId}: ${message}`);
    this.name = 'TemplateTableError';
  }
}

type Json = Record<string, unknown>;

const KEY_TYPES = ['HASH', 'RANGE'] as const;
const ATTRIBUTE_TYPES = ['S', 'N', 'B'] as const;
const PROJECTION_TYPES = ['ALL', 'KEYS_ONLY', 'INCLUDE'] as const;
const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isDynamoDbTableType = (type: unknown): type is DynamoDbTableResourceType =>
  (DYNAMODB_TABLE_TYPES as readonly unknown[]).includes(type);

/** Every DynamoDB table of `template` (a parsed CloudFormation template), in template order. */
export function tableDefinitionsFromTemplate(template: unknown): TableDefinition[] {
  if (!isObject(template)) throw new Error('A CloudFormation template must be a JSON object');
  const resources = template.Resources ?? {};
  if (!isObject(resources)) throw new Error('The template\'s "Resources" must be an object');
  const definitions: TableDefinition[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || !isDynamoDbTableType(resource.Type)) continue;
    definitions.push(tableDefinition(logicalId, resource.Type, resource.Properties));
  }
  return definitions;
}

function tableDefinition(
  logicalId: string,
  resourceType: DynamoDbTableResourceType,
  properties: unknown,
): TableDefinition {
  const read = new Reader(logicalId);
  const props = read.object(properties, 'Properties');

  const attributeDefinitions = read
    .array(props.AttributeDefinitions, 'AttributeDefinitions')
    .map((item, i): AttributeDefinition => {
      const path = `AttributeDefinitions[${i}]`;
      const definition = read.object(item, path);
      return {
        AttributeName: read.string(definition.AttributeName, `${path}.AttributeName`),
        AttributeType: read.oneOf(definition.AttributeType, ATTRIBUTE_TYPES, `${path}.AttributeType`),
      };
    });
  const defined = new Set(attributeDefinitions.map((definition) => definition.AttributeName as string));
  const used = new Set<string>();

  const keySchema = (value: unknown, path: string): KeySchemaElement[] => {
    const elements = read.array(value, path).map((item, i): KeySchemaElement => {
      const elementPath = `${path}[${i}]`;
      const element = read.object(item, elementPath);
      const name = read.string(element.AttributeName, `${elementPath}.AttributeName`);
      if (!defined.has(name))
        read.fail(`${elementPath}.AttributeName "${name}" is not in AttributeDefinitions`);
      used.add(name);
      return {
        AttributeName: name,
        KeyType: read.oneOf(element.KeyType, KEY_TYPES, `${elementPath}.KeyType`),
      };
    });
    if (elements.length < 1 || elements.length > 2 || elements[0]?.KeyType !== 'HASH') {
      read.fail(`${path} must be one HASH key, optionally followed by one RANGE key`);
    }
    if (elements.length === 2 && elements[1]?.KeyType !== 'RANGE')
      read.fail(`${path}[1] must be a RANGE key`);
    return elements;
  };

  const projection = (value: unknown, path: string): Projection => {
    // CloudFormation requires a projection; DynamoDB's own default would be KEYS_ONLY.
    const raw = read.object(value, path);
    const type = read.oneOf(raw.ProjectionType ?? 'KEYS_ONLY', PROJECTION_TYPES, `${path}.ProjectionType`);
    if (type !== 'INCLUDE') {
      if (raw.NonKeyAttributes !== undefined)
        read.fail(`${path}.NonKeyAttributes is only allowed with INCLUDE`);
      return { ProjectionType: type };
    }
    const nonKey = read
      .array(raw.NonKeyAttributes, `${path}.NonKeyAttributes`)
      .map((name, i) => read.string(name, `${path}.NonKeyAttributes[${i}]`));
    return { ProjectionType: type, NonKeyAttributes: nonKey };
  };

  const indexes = <T extends GlobalSecondaryIndex | LocalSecondaryIndex>(
    value: unknown,
    path: string,
  ): T[] => {
    if (value === undefined) return [];
    const names = new Set<string>();
    return read.array(value, path).map((item, i) => {
      const indexPath = `${path}[${i}]`;
      const index = read.object(item, indexPath);
      const name = read.string(index.IndexName, `${indexPath}.IndexName`);
      if (names.has(name)) read.fail(`${path} has two indexes named "${name}"`);
      names.add(name);
      return {
        IndexName: name,
        KeySchema: keySchema(index.KeySchema, `${indexPath}.KeySchema`),
        Projection: projection(index.Projection, `${indexPath}.Projection`),
      } as T;
    });
  };

  const tableName =
    props.TableName === undefined ? logicalId : read.string(props.TableName, 'Properties.TableName');
  const tableKeySchema = keySchema(props.KeySchema, 'KeySchema');
  const globalSecondaryIndexes = indexes<GlobalSecondaryIndex>(
    props.GlobalSecondaryIndexes,
    'GlobalSecondaryIndexes',
  );
  const localSecondaryIndexes = indexes<LocalSecondaryIndex>(
    props.LocalSecondaryIndexes,
    'LocalSecondaryIndexes',
  );
  for (const lsi of localSecondaryIndexes) {
    if (lsi.KeySchema?.[0]?.AttributeName !== tableKeySchema[0]?.AttributeName) {
      read.fail(`local secondary index "${lsi.IndexName}" must share the table's partition key`);
    }
  }
  const unused = [...defined].filter((name) => !used.has(name));
  if (unused.length > 0) {
    read.fail(`AttributeDefinitions ${unused.join(', ')} are not used by any key schema`);
  }

  const streamViewType = streamViewTypeOf(read, props.StreamSpecification);
  const timeToLiveAttribute = timeToLiveAttributeOf(read, props.TimeToLiveSpecification);

  const createTable: CreateTableCommandInput = {
    TableName: tableName,
    AttributeDefinitions: attributeDefinitions,
    KeySchema: tableKeySchema,
    BillingMode: 'PAY_PER_REQUEST',
    ...(globalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes: globalSecondaryIndexes } : {}),
    ...(localSecondaryIndexes.length > 0 ? { LocalSecondaryIndexes: localSecondaryIndexes } : {}),
    ...(streamViewType
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType } }
      : {}),
  };
  return { logicalId, resourceType, createTable, ...(timeToLiveAttribute ? { timeToLiveAttribute } : {}) };
}

function streamViewTypeOf(read: Reader, value: unknown): StreamViewType | undefined {
  if (value === undefined) return undefined;
  const spec = read.object(value, 'StreamSpecification');
  if (spec.StreamViewType === undefined) return undefined;
  return read.oneOf(spec.StreamViewType, STREAM_VIEW_TYPES, 'StreamSpecification.StreamViewType');
}

function timeToLiveAttributeOf(read: Reader, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const spec = read.object(value, 'TimeToLiveSpecification');
  const enabled = spec.Enabled;
  if (typeof enabled !== 'boolean' && enabled !== 'true' && enabled !== 'false') {
    read.fail(`TimeToLiveSpecification.Enabled must be a boolean, got ${show(enabled)}`);
  }
  if (enabled === false || enabled === 'false') return undefined;
  return read.string(spec.AttributeName, 'TimeToLiveSpecification.AttributeName');
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Typed reads of one resource's properties, failing with the resource's logical id and the path. */
class Reader {
  constructor(private readonly logicalId: string) {}

  fail(message: string): never {
    throw new TemplateTableError(this.logicalId, message);
  }

  object(value: unknown, path: string): Json {
    if (!isObject(value)) this.fail(`${path} must be an object, got ${show(value)}`);
    return value;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(`${path} must be a list, got ${show(value)}`);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(`${path} must be a literal string, got ${show(value)}`);
    }
    return value;
  }

  oneOf<const T extends readonly string[]>(value: unknown, allowed: T, path: string): T[number] {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.fail(`${path} must be one of ${allowed.join(', ')}, got ${show(value)}`);
    }
    return value as T[number];
  }
}

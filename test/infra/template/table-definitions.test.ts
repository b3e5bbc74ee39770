import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { synthesizeTemplates } from '../../../infra/template/synth.js';
import {
  TemplateTableError,
  tableDefinitionsFromTemplate,
} from '../../../infra/template/table-definitions.js';
import { TABLE_LOGICAL_ID } from '../../../shared/adapters/dynamodb/table-schema.js';

let templates: Record<string, Record<string, unknown>>;

beforeAll(() => {
  templates = synthesizeTemplates();
}, 60_000);

const keySchema = (hash: string, range: string) => [
  { AttributeName: hash, KeyType: 'HASH' as const },
  { AttributeName: range, KeyType: 'RANGE' as const },
];

/** A minimal valid AWS::DynamoDB::Table resource, to break in one place at a time. */
const tableResource = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    ...properties,
  },
});

describe('tableDefinitionsFromTemplate, on the synthesized app', () => {
  it('turns the backorder table into a CreateTable request', () => {
    expect(Object.keys(templates).sort()).toEqual(['Backorder-dev-Stateful', 'Backorder-dev-Stateless']);
    expect(tableDefinitionsFromTemplate(templates['Backorder-dev-Stateless'])).toEqual([]);
    const definitions = tableDefinitionsFromTemplate(templates['Backorder-dev-Stateful']);
    expect(definitions).toHaveLength(1);
    const [table] = definitions;
    const gsi = (IndexName: string, hash: string, range: string) => ({
      IndexName,
      KeySchema: keySchema(hash, range),
      Projection: { ProjectionType: 'ALL' as const },
    });
    const expected: CreateTableCommandInput = {
      TableName: TABLE_LOGICAL_ID,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keySchema('pk', 'sk'),
      AttributeDefinitions: ['pk', 'sk', 'waitPk', 'waitSk', 'statusPk', 'statusSk', 'outboxPk', 'outboxSk']
        .concat(['timerPk', 'timerSk'])
        .map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      GlobalSecondaryIndexes: [
        gsi('waiting', 'waitPk', 'waitSk'),
        gsi('byStatus', 'statusPk', 'statusSk'),
        gsi('outbox', 'outboxPk', 'outboxSk'),
        gsi('timers', 'timerPk', 'timerSk'),
      ],
    };
    expect(table).toEqual({
      logicalId: TABLE_LOGICAL_ID,
      resourceType: 'AWS::DynamoDB::GlobalTable',
      createTable: expected,
      timeToLiveAttribute: 'expiresAt',
    });
  });
});

describe('tableDefinitionsFromTemplate, on hand-made templates', () => {
  it('ignores other resources and keeps a literal table name, LSIs, streams and INCLUDE projections', () => {
    const definitions = tableDefinitionsFromTemplate({
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
        Plain: tableResource({
          TableName: 'plain-table',
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'at', AttributeType: 'N' },
            { AttributeName: 'g', AttributeType: 'B' },
          ],
          KeySchema: keySchema('id', 'at'),
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
          GlobalSecondaryIndexes: [
            {
              IndexName: 'g',
              KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x', 'y'] },
            },
          ],
          LocalSecondaryIndexes: [
            { IndexName: 'l', KeySchema: keySchema('id', 'at'), Projection: { ProjectionType: 'KEYS_ONLY' } },
          ],
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: false },
        }),
      },
    });
    expect(definitions).toEqual([
      {
        logicalId: 'Plain',
        resourceType: 'AWS::DynamoDB::Table',
        createTable: {
          TableName: 'plain-table',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'at', AttributeType: 'N' },
            { AttributeName: 'g', AttributeType: 'B' },
          ],
          KeySchema: keySchema('id', 'at'),
          GlobalSecondaryIndexes: [
            {
              IndexName: 'g',
              KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x', 'y'] },
            },
          ],
          LocalSecondaryIndexes: [
            { IndexName: 'l', KeySchema: keySchema('id', 'at'), Projection: { ProjectionType: 'KEYS_ONLY' } },
          ],
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        },
      },
    ]);
  });

  it('returns nothing for a template without tables', () => {
    expect(tableDefinitionsFromTemplate({ Resources: {} })).toEqual([]);
    expect(tableDefinitionsFromTemplate({})).toEqual([]);
  });

  it.each([
    [
      'an intrinsic table name',
      { TableName: { Ref: 'Name' } },
      /Properties\.TableName must be a literal string/,
    ],
    [
      'an intrinsic key attribute',
      { KeySchema: [{ AttributeName: { 'Fn::Sub': 'id' }, KeyType: 'HASH' }] },
      /KeySchema\[0\]\.AttributeName must be a literal string/,
    ],
    [
      'an unknown key type',
      { KeySchema: [{ AttributeName: 'id', KeyType: 'PARTITION' }] },
      /KeySchema\[0\]\.KeyType must be one of HASH, RANGE/,
    ],
    [
      'a key attribute without definition',
      { KeySchema: [{ AttributeName: 'nope', KeyType: 'HASH' }] },
      /"nope" is not in AttributeDefinitions/,
    ],
    ['a missing key schema', { KeySchema: undefined }, /KeySchema must be a list/],
    [
      'an unused attribute definition',
      {
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'extra', AttributeType: 'S' },
        ],
      },
      /AttributeDefinitions extra are not used/,
    ],
    [
      'an unknown attribute type',
      { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'SS' }] },
      /AttributeType must be one of S, N, B/,
    ],
    [
      'a GSI without projection',
      {
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }] }],
      },
      /GlobalSecondaryIndexes\[0\]\.Projection must be an object/,
    ],
    [
      'a RANGE key first',
      { KeySchema: [{ AttributeName: 'id', KeyType: 'RANGE' }] },
      /one HASH key, optionally followed by one RANGE key/,
    ],
    [
      'a conditional TTL',
      { TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: { 'Fn::If': ['c', true, false] } } },
      /TimeToLiveSpecification\.Enabled must be a boolean/,
    ],
  ])('throws, naming the resource, for %s', (_case, properties, message) => {
    const template = { Resources: { BadTable: tableResource(properties) } };
    expect(() => tableDefinitionsFromTemplate(template)).toThrow(TemplateTableError);
    expect(() => tableDefinitionsFromTemplate(template)).toThrow(/^DynamoDB table resource BadTable: /);
    expect(() => tableDefinitionsFromTemplate(template)).toThrow(message);
  });

  it('throws, naming the resource, for properties that are not an object', () => {
    const template = { Resources: { Broken: { Type: 'AWS::DynamoDB::GlobalTable', Properties: 'x' } } };
    expect(() => tableDefinitionsFromTemplate(template)).toThrow(
      'DynamoDB table resource Broken: Properties must be an object, got "x"',
    );
  });

  it('rejects what is not a template', () => {
    expect(() => tableDefinitionsFromTemplate(null)).toThrow(/must be a JSON object/);
    expect(() => tableDefinitionsFromTemplate({ Resources: [] })).toThrow(/"Resources" must be an object/);
  });
});

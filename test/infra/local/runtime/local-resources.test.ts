/** The local names and ARNs the template's references resolve to, and the references it refuses. */
import { expect, test } from '@jest/globals';
import { localName, resolveValue } from '../../../../infra/local/runtime/local-resources.js';
import { type AppTemplate, appTemplate } from '../../../../infra/local/runtime/template.js';

const template: AppTemplate = appTemplate({
  Stateful: {
    Resources: {
      Table: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { TableName: 'orders' } },
      Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'backorder-dev' } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
    },
    Outputs: {
      BusRef: { Value: { Ref: 'Bus' }, Export: { Name: 'Stateful:BusRef' } },
      TopicRef: { Value: { Ref: 'Topic' }, Export: { Name: 'Stateful:TopicRef' } },
    },
  },
  Stateless: {
    Resources: {
      Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
    },
  },
});

// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not JavaScript's
const SUB = '${Bus.Arn}/${AWS::AccountId}/${!Literal}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: `${!Literal}` stands for a literal `${Literal}`
const SUBSTITUTED = 'arn:aws:events:us-east-1:000000000000:event-bus/backorder-dev/000000000000/${Literal}';

const resolve = (value: unknown) => resolveValue(template, value, 'Fn');

test('a literal name wins, else the logical id', () => {
  expect(localName(template, 'Table')).toBe('orders');
  expect(localName(template, 'Topic')).toBe('Topic');
});

test('Ref, GetAtt and ImportValue of the stateful resources', () => {
  expect(resolve({ Ref: 'Table' })).toBe('orders');
  expect(resolve({ 'Fn::GetAtt': ['Table', 'Arn'] })).toBe(
    'arn:aws:dynamodb:us-east-1:000000000000:table/orders',
  );
  expect(resolve({ 'Fn::ImportValue': 'Stateful:BusRef' })).toBe('backorder-dev');
  expect(resolve({ 'Fn::ImportValue': 'Stateful:TopicRef' })).toBe(
    'arn:aws:sns:us-east-1:000000000000:Topic',
  );
  expect(resolve({ 'Fn::GetAtt': 'Queue.Arn' })).toBe('arn:aws:sqs:us-east-1:000000000000:Queue');
});

test('Fn::Join, Fn::Sub and pseudo parameters', () => {
  expect(
    resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }]] }),
  ).toBe('arn:aws:events:us-east-1');
  expect(resolve({ 'Fn::Sub': SUB })).toBe(SUBSTITUTED);
});

test('what has no local stand-in is an error naming the resource that uses it', () => {
  expect(() => resolve({ Ref: 'Role' })).toThrow('Template resource Fn: refers to Role (AWS::IAM::Role)');
  expect(() => resolve({ 'Fn::ImportValue': 'Elsewhere:Thing' })).toThrow(
    'Template resource Fn: imports Elsewhere:Thing, which no stack of the app exports',
  );
  expect(() => resolve({ 'Fn::Select': [0, ['a']] })).toThrow(/Template resource Fn: uses .*Fn::Select/);
});

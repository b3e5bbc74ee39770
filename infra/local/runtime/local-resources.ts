/**
 * What the template's references stand for on this machine: the local name and ARN of each
 * resource (a literal name in the template, else its logical id, in the local account and
 * region), and the intrinsic functions a function's environment may use to reach them (`Ref`,
 * `Fn::GetAtt`, `Fn::ImportValue` of another stack's export, `Fn::Join`, `Fn::Sub`, pseudo
 * parameters). Anything else is an error naming the resource that uses it.
 */
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-account.js';
import { type AppTemplate, type Json, UnsupportedTemplateError } from './template.js';

const PSEUDO: Record<string, string> = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** The property holding each type's own name, where the template may set it. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Events::EventBus': 'Name',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::Lambda::Function': 'FunctionName',
};

/** Local queue URLs point nowhere: no function of this service calls SQS itself. */
const QUEUE_URL_BASE = `http://sqs.${LOCAL_REGION}.localhost/${LOCAL_ACCOUNT}`;

const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

/** The resource's local name: its literal name in the template, else its logical id. */
export function localName(template: AppTemplate, logicalId: string): string {
  const resource = template.resources.get(logicalId);
  const property = resource ? NAME_PROPERTY[resource.Type] : undefined;
  const name = property ? resource?.Properties?.[property] : undefined;
  return typeof name === 'string' ? name : logicalId;
}

/** `{Ref: id}` and `{Fn::GetAtt: [id, attribute]}` of the resources the runtime stands in for. */
function attributeOf(template: AppTemplate, logicalId: string, attribute: string, owner: string): string {
  const type = template.resources.get(logicalId)?.Type;
  const name = localName(template, logicalId);
  const values: Record<string, Record<string, string>> = {
    'AWS::DynamoDB::Table': { Ref: name, Arn: arn('dynamodb', `table/${name}`) },
    'AWS::DynamoDB::GlobalTable': { Ref: name, Arn: arn('dynamodb', `table/${name}`) },
    'AWS::Events::EventBus': { Ref: name, Name: name, Arn: arn('events', `event-bus/${name}`) },
    'AWS::SNS::Topic': { Ref: arn('sns', name), TopicArn: arn('sns', name), TopicName: name },
    'AWS::SQS::Queue': {
      Ref: `${QUEUE_URL_BASE}/${name}`,
      QueueUrl: `${QUEUE_URL_BASE}/${name}`,
      Arn: arn('sqs', name),
      QueueName: name,
    },
    'AWS::Lambda::Function': { Ref: name, Arn: arn('lambda', `function:${name}`) },
  };
  const value = type ? values[type]?.[attribute] : undefined;
  if (value === undefined)
    throw new UnsupportedTemplateError(
      owner,
      `refers to ${attribute === 'Ref' ? '' : `attribute ${attribute} of `}${logicalId} (${type ?? 'not in the template'}), which has no local stand-in`,
    );
  return value;
}

/** `Fn::Sub` with a string: `${Name}`, `${Name.Attribute}` and `${!Literal}`. */
function substitute(template: AppTemplate, text: string, owner: string): string {
  return text.replace(/\$\{([^}]*)\}/g, (_, expression: string) => {
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    const [id = '', attribute] = expression.split('.', 2);
    if (PSEUDO[id]) return PSEUDO[id];
    return attributeOf(template, id, attribute ?? 'Ref', owner);
  });
}

/** A template value as the string it is on this machine; `owner` is named in any error. */
export function resolveValue(template: AppTemplate, value: unknown, owner: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const object = (typeof value === 'object' && value !== null ? value : {}) as Json;
  const [key] = Object.keys(object);
  const argument = key ? object[key] : undefined;
  if (key === 'Ref' && typeof argument === 'string')
    return PSEUDO[argument] ?? attributeOf(template, argument, 'Ref', owner);
  if (key === 'Fn::GetAtt') {
    const [id, attribute] = Array.isArray(argument) ? argument : String(argument).split('.', 2);
    return attributeOf(template, String(id), String(attribute), owner);
  }
  if (key === 'Fn::ImportValue' && typeof argument === 'string') {
    if (!template.exports.has(argument))
      throw new UnsupportedTemplateError(owner, `imports ${argument}, which no stack of the app exports`);
    return resolveValue(template, template.exports.get(argument), owner);
  }
  if (key === 'Fn::Join' && Array.isArray(argument) && Array.isArray(argument[1]))
    return argument[1].map((part) => resolveValue(template, part, owner)).join(String(argument[0]));
  if (key === 'Fn::Sub' && typeof argument === 'string') return substitute(template, argument, owner);
  throw new UnsupportedTemplateError(
    owner,
    `uses ${JSON.stringify(value)?.slice(0, 120)}, which the local runtime cannot resolve`,
  );
}

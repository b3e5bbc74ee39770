import { FUNCTION_NAMES, type FunctionName } from '../../../infra/stateless/service-function.js';
import {
  apiKeyKey,
  channelChangeKey,
  idempotencyKey,
  inboundKey,
  inboxKey,
  kitsKey,
  orderKey,
  policyKey,
  recipientKey,
  stockItemKey,
  tenantApiKeysKey,
  tenantKey,
  tenantRegistryKey,
} from '../../../shared/adapters/dynamodb/keys.js';
import { synthStacks } from '../../support/synth-stacks.js';

/**
 * Evaluates the synthesized roles as IAM would for one partition key: a statement allows an action
 * on a key when it names the action and its `dynamodb:LeadingKeys` conditions hold (`*` is any
 * text, `?` one character).
 */
const { stateless } = synthStacks();

type Statement = {
  Effect: string;
  Action: string | string[];
  Condition?: Record<string, { 'dynamodb:LeadingKeys'?: string[] }>;
};

const functionRoles = Object.entries(stateless.findResources('AWS::Lambda::Function')).map(
  ([id, fn]) => [id, fn.Properties?.Role?.['Fn::GetAtt']?.[0] as string] as const,
);
const roleOf = (name: FunctionName): string => {
  const found = functionRoles.find(([id]) => id.startsWith(`Functions${name.replaceAll('-', '')}`));
  if (!found) throw new Error(`no function ${name}`);
  return found[1];
};

const statementsOf = (name: FunctionName): Statement[] => {
  const role = roleOf(name);
  return Object.values(stateless.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      ((policy.Properties?.Roles ?? []) as Array<{ Ref: string }>).some((ref) => ref.Ref === role),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
};

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );

const conditionHolds = (statement: Statement, pk: string): boolean =>
  Object.entries(statement.Condition ?? {}).every(([operator, keys]) => {
    const patterns = keys['dynamodb:LeadingKeys'];
    if (!patterns) return true;
    const matches = patterns.some((pattern) => glob(pattern).test(pk));
    if (operator === 'ForAllValues:StringLike') return matches;
    if (operator === 'ForAllValues:StringNotLike') return !matches;
    throw new Error(`unexpected condition ${operator}`);
  });

const allows = (name: FunctionName, action: string, pk: string): boolean =>
  statementsOf(name).some(
    (statement) =>
      statement.Effect === 'Allow' &&
      ([] as string[]).concat(statement.Action).includes(action) &&
      conditionHolds(statement, pk),
  );

const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const canWrite = (name: FunctionName, pk: string) => WRITES.every((action) => allows(name, action, pk));
const canWriteAny = (name: FunctionName, pk: string) => WRITES.some((action) => allows(name, action, pk));
const canRead = (name: FunctionName, pk: string) =>
  ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'].some((action) =>
    allows(name, action, pk),
  );

const tenant = 'acme';
const KEYS = {
  order: orderKey(tenant, 'SO-1001-BO1').pk,
  channelChange: channelChangeKey(tenant, 'SO-1001').pk,
  inbox: inboxKey(tenant, 'SO-1001', 'shopify:d-1').pk,
  stock: stockItemKey(tenant, 'wh-1', 'SKU-1').pk,
  idempotency: idempotencyKey(tenant, 'key-1').pk,
  inbound: inboundKey(tenant, 'wh-1', 'SKU-1', 'po-1').pk,
  tenantProfile: tenantKey(tenant).pk,
  policies: policyKey(tenant).pk,
  kits: kitsKey(tenant).pk,
  apiKeyList: tenantApiKeysKey(tenant).pk,
  apiKey: apiKeyKey('0123abcd').pk,
  tenantRegistry: tenantRegistryKey(tenant).pk,
  recipients: recipientKey(tenant, 'r-1').pk,
} as const;
type Item = keyof typeof KEYS;

/** The item types each function writes; every other one is refused. */
const EXPECTED_WRITES: Record<FunctionName, Item[]> = {
  webhooks: ['order', 'channelChange', 'inbox'],
  allocator: ['order', 'channelChange', 'inbox', 'stock', 'idempotency'],
  events: ['order', 'channelChange', 'inbox', 'stock', 'idempotency', 'inbound'],
  'warehouse-api': ['order', 'channelChange', 'inbox', 'stock', 'idempotency', 'inbound'],
  // Policies and kits share the tenant partition with the profile and the API-key list.
  'operator-api': [
    'order',
    'channelChange',
    'inbox',
    'stock',
    'idempotency',
    'tenantProfile',
    'policies',
    'kits',
    'apiKeyList',
    'recipients',
  ],
  sweep: ['order', 'channelChange', 'inbox', 'stock', 'idempotency'],
  notifier: ['idempotency'],
  authorizer: [],
};

describe('table access by partition (dynamodb:LeadingKeys)', () => {
  it.each(FUNCTION_NAMES)('%s writes only the item types it owns', (name) => {
    const writable = (Object.keys(KEYS) as Item[]).filter((item) => canWriteAny(name, KEYS[item]));
    expect(writable.sort()).toEqual([...EXPECTED_WRITES[name]].sort());
    for (const item of EXPECTED_WRITES[name]) expect(canWrite(name, KEYS[item])).toBe(true);
  });

  it('gives every table write a LeadingKeys condition', () => {
    for (const name of FUNCTION_NAMES)
      for (const statement of statementsOf(name))
        if (([] as string[]).concat(statement.Action).some((action) => WRITES.includes(action)))
          expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual(
            expect.any(Array),
          );
  });

  it('keeps the internet-facing webhook function away from API keys and stock, reading and writing', () => {
    for (const item of [
      'stock',
      'apiKey',
      'idempotency',
      'inbound',
      'recipients',
      'tenantRegistry',
    ] as const) {
      expect(canWriteAny('webhooks', KEYS[item])).toBe(false);
      expect(canRead('webhooks', KEYS[item])).toBe(false);
    }
    for (const item of ['apiKeyList', 'policies', 'tenantProfile'] as const)
      expect(canWriteAny('webhooks', KEYS[item])).toBe(false);
    // What it needs: the tenant's profile (webhook secrets) and its order's family.
    expect(canRead('webhooks', KEYS.tenantProfile)).toBe(true);
    expect(canRead('webhooks', KEYS.order)).toBe(true);
  });

  it('lets no function write API keys or the tenant registry (the tenant CLI does)', () => {
    for (const name of FUNCTION_NAMES) {
      expect(canWriteAny(name, KEYS.apiKey)).toBe(false);
      expect(canWriteAny(name, KEYS.tenantRegistry)).toBe(false);
    }
  });
});

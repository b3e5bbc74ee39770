import {
  clientSettings,
  parseDuration,
  parseTenantCommand,
  UsageError,
} from '../../../infra/cli/tenant-command.js';

const env = { TABLE_NAME: 'backorders' };

it('reads each command with its arguments and options', () => {
  expect(parseTenantCommand(['create', 'acme'], env)).toEqual({
    kind: 'create',
    tableName: 'backorders',
    tenantId: 'acme',
    warehouses: [],
  });
  expect(
    parseTenantCommand(['create', 'acme', '--warehouse', 'syd', '--warehouse', 'mel'], env),
  ).toMatchObject({
    warehouses: ['syd', 'mel'],
  });
  expect(parseTenantCommand(['rotate-key', 'acme', '--grace', '24h', '--table', 'other'], env)).toEqual({
    kind: 'rotate-key',
    tableName: 'other',
    tenantId: 'acme',
    graceSeconds: 86_400,
  });
  expect(parseTenantCommand(['rotate-secret', 'acme', 'shopify', '--secret-stdin'], env)).toEqual({
    kind: 'rotate-secret',
    tableName: 'backorders',
    tenantId: 'acme',
    channel: 'shopify',
    secretFromStdin: true,
  });
  expect(parseTenantCommand(['--help'], {})).toMatchObject({ kind: 'help' });
});

it.each([
  ['no command', [], 'No command given'],
  ['an unknown command', ['delete', 'acme'], 'Unknown command "delete"'],
  ['a missing argument', ['rotate-secret', 'acme'], '"rotate-secret" takes 2 argument(s)'],
  ['an extra argument', ['create', 'acme', 'extra'], '"create" takes 1 argument(s)'],
  ['an unknown option', ['create', 'acme', '--force'], "Unknown option '--force'"],
  [
    'an option without its value',
    ['create', 'acme', '--warehouse'],
    "Option '--warehouse <value>' argument missing",
  ],
  ['a bad grace period', ['rotate-key', 'acme', '--grace', 'soon'], '--grace takes a duration'],
])('refuses %s', (_, argv, message) => {
  expect(() => parseTenantCommand(argv, env)).toThrow(UsageError);
  expect(() => parseTenantCommand(argv, env)).toThrow(message);
});

it('needs a table from --table or TABLE_NAME', () => {
  expect(() => parseTenantCommand(['create', 'acme'], {})).toThrow('No table');
  expect(() => parseTenantCommand(['create', 'acme'], { TABLE_NAME: '' })).toThrow('No table');
});

it('reads durations in seconds, minutes, hours and days', () => {
  expect([parseDuration('90'), parseDuration('30m'), parseDuration('2h'), parseDuration('7d')]).toEqual([
    90, 1800, 7200, 604_800,
  ]);
  for (const text of ['', '1.5h', '-1h', '1w', 'h']) expect(() => parseDuration(text)).toThrow(UsageError);
});

describe('client settings', () => {
  it('gives a local endpoint a region and credentials when none are set (DynamoDB Local takes any)', () => {
    expect(clientSettings({ AWS_ENDPOINT_URL_DYNAMODB: 'http://localhost:8000' })).toEqual({
      region: expect.any(String),
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  it("keeps the caller's own region and credentials, and leaves AWS's endpoint to the SDK's chain", () => {
    expect(
      clientSettings({
        AWS_ENDPOINT_URL_DYNAMODB: 'http://x',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'k',
      }),
    ).toEqual({});
    expect(clientSettings({})).toEqual({});
  });
});

import { parseArgs } from 'node:util';
import { LOCAL_REGION } from '../local/runtime/local-account.js';

export const USAGE = `Usage:
  npm run tenant -- create <tenantId> [--warehouse <id>]...
  npm run tenant -- rotate-key <tenantId> [--grace <30m|24h|7d|seconds>]
  npm run tenant -- rotate-secret <tenantId> <shopify|woocommerce|orders> [--secret-stdin]
  npm run tenant -- add-operator <tenantId> <name>      a key in a person's name: history records it
  npm run tenant -- list-operators <tenantId>
  npm run tenant -- revoke-operator <tenantId> <name>

Options:
  --table <name>    the backorder table (default: $TABLE_NAME)
  --warehouse <id>  the default warehouse (default: main); repeat it to add more warehouses
  --grace <time>    keep the replaced key valid this long (default 0: revoked at once; at most 7d)
  --secret-stdin    take the new secret from stdin (a channel's own, e.g. Shopify's) instead of generating one

The endpoint is AWS_ENDPOINT_URL_DYNAMODB when set (the local runtime's DynamoDB Local, which
needs no region or credentials), else AWS's in AWS_REGION (or your profile's region).
The API key and secrets are printed once, as JSON; only the key's SHA-256 hash is stored.`;

/**
 * The client settings for the table's endpoint. DynamoDB Local takes any region and credentials,
 * so a local endpoint gets the local runtime's when none are set; AWS's is left to the SDK's
 * own chain (variables, profile).
 */
export const clientSettings = (env: NodeJS.ProcessEnv) => {
  if (!env.AWS_ENDPOINT_URL_DYNAMODB) return {};
  return {
    ...(env.AWS_REGION || env.AWS_DEFAULT_REGION ? {} : { region: LOCAL_REGION }),
    ...(env.AWS_ACCESS_KEY_ID ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
};

export const NO_REGION =
  "No region: set AWS_REGION to the deployed table's region, or AWS_ENDPOINT_URL_DYNAMODB to the local table's endpoint (e.g. http://localhost:8000)";

/** Bad command-line input: the usage is shown and nothing is written. */
export class UsageError extends Error {}

export type TenantCommand = { tableName: string } & (
  | { kind: 'create'; tenantId: string; warehouses: string[] }
  | { kind: 'rotate-key'; tenantId: string; graceSeconds: number }
  | { kind: 'rotate-secret'; tenantId: string; channel: string; secretFromStdin: boolean }
  | { kind: 'add-operator' | 'revoke-operator'; tenantId: string; name: string }
  | { kind: 'list-operators'; tenantId: string }
  | { kind: 'help' }
);

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export const parseDuration = (text: string): number => {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) throw new UsageError(`--grace takes a duration like 30m, 24h or 7d, not "${text}"`);
  return Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1);
};

const ARITY: Record<string, number> = {
  create: 1,
  'rotate-key': 1,
  'rotate-secret': 2,
  'add-operator': 2,
  'list-operators': 1,
  'revoke-operator': 2,
};

/** Reads the command line; the use cases validate ids and channels themselves. */
export const parseTenantCommand = (argv: readonly string[], env: NodeJS.ProcessEnv): TenantCommand => {
  let parsed: ReturnType<typeof parseArgsStrict>;
  try {
    parsed = parseArgsStrict(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [kind, ...rest] = positionals;
  if (values.help || kind === 'help') return { kind: 'help', tableName: '' };
  if (!kind || !(kind in ARITY))
    throw new UsageError(kind ? `Unknown command "${kind}"` : 'No command given');
  if (rest.length !== ARITY[kind]) throw new UsageError(`"${kind}" takes ${ARITY[kind]} argument(s)`);
  const tableName = values.table || env.TABLE_NAME;
  if (!tableName) throw new UsageError('No table: pass --table <name> or set TABLE_NAME');
  const [tenantId = '', channel = ''] = rest;
  if (kind === 'create') return { kind, tableName, tenantId, warehouses: values.warehouse ?? [] };
  if (kind === 'add-operator' || kind === 'revoke-operator')
    return { kind, tableName, tenantId, name: channel };
  if (kind === 'list-operators') return { kind, tableName, tenantId };
  if (kind === 'rotate-key')
    return { kind, tableName, tenantId, graceSeconds: values.grace ? parseDuration(values.grace) : 0 };
  return {
    kind: 'rotate-secret',
    tableName,
    tenantId,
    channel,
    secretFromStdin: values['secret-stdin'] ?? false,
  };
};

const parseArgsStrict = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      table: { type: 'string' },
      warehouse: { type: 'string', multiple: true },
      grace: { type: 'string' },
      'secret-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });

/**
 * Message attributes as the filter policy sees them. Both shapes a user has at hand are accepted:
 * the delivered notification's `{Type, Value}` (as the fixtures hold them) and `sns publish`'s
 * `{DataType, StringValue | BinaryValue}`, so a `--message-attributes` argument can be pasted from
 * either.
 */
import type { MessageAttributeValue } from '../sns-filter-policy/index.js';
import { UsageError } from './command-io.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function attributeOf(value: unknown): MessageAttributeValue | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.Type === 'string' && typeof value.Value === 'string')
    return { Type: value.Type, Value: value.Value };
  if (typeof value.DataType !== 'string') return undefined;
  // A notification carries binary values base64-encoded, which is how `publish` takes them too.
  const text = value.StringValue ?? value.BinaryValue;
  return typeof text === 'string' ? { Type: value.DataType, Value: text } : undefined;
}

/** The attributes of `value`, or a UsageError naming `what` and the attribute that is malformed. */
export function messageAttributesOf(
  value: unknown,
  what: string,
): Readonly<Record<string, MessageAttributeValue>> {
  if (!isRecord(value)) throw new UsageError(`Error parsing ${what}: expected an object of attributes`);
  return Object.fromEntries(
    Object.entries(value).map(([name, attribute]) => {
      const parsed = attributeOf(attribute);
      if (!parsed)
        throw new UsageError(
          `Error parsing ${what}: attribute ${name} must be {"Type","Value"} or {"DataType","StringValue"}`,
        );
      return [name, parsed];
    }),
  );
}

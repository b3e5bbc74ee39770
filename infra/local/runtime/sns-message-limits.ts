/**
 * SNS's checks of a message's attributes and size, as Publish and PublishBatch apply them: at
 * most ten attributes, each with a valid name (not one SNS reserves: `AWS.`, `Amazon.`), a data
 * type and a value; and at most 256 KB (262,144 bytes) of message, subject and attributes (each
 * attribute's name, data type and value) together: per message, and per PublishBatch call.
 */
import { LocalApiError } from './api-errors.js';
import type { MessageAttribute } from './topic-delivery.js';

export const SNS_MAX_BYTES = 256 * 1024;
const MAX_ATTRIBUTES = 10;
const MAX_NAME_LENGTH = 256;

export const invalidParameter = (what: string) =>
  new LocalApiError(400, 'InvalidParameter', `Invalid parameter: ${what}`);

/** The awsQuery list `<prefix>.<kind>.<n>.` (n from 1) as the fields of each member. */
export function members(form: URLSearchParams, prefix: string, kind = 'member'): Array<Map<string, string>> {
  const found: Array<Map<string, string>> = [];
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.${kind}\\.(\\d+)\\.(.+)$`);
  for (const [key, value] of form) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]) - 1;
    found[index] ??= new Map();
    found[index].set(match[2] as string, value);
  }
  return found.filter(Boolean);
}

const validName = (name: string): boolean =>
  name.length <= MAX_NAME_LENGTH &&
  /^[\w.-]+$/.test(name) &&
  !name.startsWith('.') &&
  !name.endsWith('.') &&
  !name.includes('..') &&
  !/^(aws|amazon)\./i.test(name);

/** The message attributes among one message's fields, or SNS's refusal of them. */
export function attributesOf(fields: Map<string, string>): Record<string, MessageAttribute> {
  const attributes: Record<string, MessageAttribute> = {};
  for (const entry of members(new URLSearchParams([...fields]), 'MessageAttributes', 'entry')) {
    const name = entry.get('Name') ?? '';
    const DataType = entry.get('Value.DataType') ?? '';
    const StringValue = entry.get('Value.StringValue');
    const BinaryValue = entry.get('Value.BinaryValue');
    if (!validName(name))
      throw invalidParameter(`MessageAttributes: invalid attribute name ${name || '(none)'}`);
    if (!/^(String|Number|Binary)(\.|$)|^String\.Array$/.test(DataType) || DataType.length > MAX_NAME_LENGTH)
      throw invalidParameter(`MessageAttributes: attribute ${name} has no valid DataType`);
    const needs = DataType.startsWith('Binary') ? BinaryValue : StringValue;
    if (needs === undefined) throw invalidParameter(`MessageAttributes: attribute ${name} has no value`);
    attributes[name] = {
      DataType,
      ...(StringValue !== undefined ? { StringValue } : {}),
      ...(BinaryValue ? { BinaryValue } : {}),
    };
  }
  if (Object.keys(attributes).length > MAX_ATTRIBUTES)
    throw invalidParameter(`MessageAttributes: more than ${MAX_ATTRIBUTES} attributes`);
  return attributes;
}

/** The bytes SNS counts for one message: its text, its subject and every part of every attribute. */
export function messageBytes(fields: Map<string, string>): number {
  let bytes = Buffer.byteLength(fields.get('Message') ?? '') + Buffer.byteLength(fields.get('Subject') ?? '');
  for (const entry of members(new URLSearchParams([...fields]), 'MessageAttributes', 'entry')) {
    const binary = entry.get('Value.BinaryValue');
    bytes +=
      Buffer.byteLength(entry.get('Name') ?? '') +
      Buffer.byteLength(entry.get('Value.DataType') ?? '') +
      (binary !== undefined
        ? Buffer.from(binary, 'base64').length
        : Buffer.byteLength(entry.get('Value.StringValue') ?? ''));
  }
  return bytes;
}

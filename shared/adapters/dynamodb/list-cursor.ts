import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '../../domain/errors.js';

/** Where a page ended: the table and index keys of its last order, which the next Query starts after. */
export interface ListPosition {
  pk: string;
  sk: string;
  statusSk: string;
}

const invalidCursor = () =>
  new InvalidInputError('The cursor is not valid for this query', { parameter: 'cursor' });

const mac = (secret: string, binding: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(binding).update('\n').update(payload).digest();

/**
 * An opaque cursor: the position, signed together with what it is bound to (the tenant and the
 * query), so that it cannot be edited, nor used by another tenant or with other filters.
 */
export const signCursor = (secret: string, binding: string, position: ListPosition): string => {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${mac(secret, binding, payload).toString('base64url')}`;
};

export const readCursor = (secret: string, binding: string, cursor: string): ListPosition => {
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0) throw invalidCursor();
  const expected = mac(secret, binding, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
  // Decoding skips stray characters and spare bits: only the one spelling this service wrote is taken.
  const canonical = (text: string) => Buffer.from(text, 'base64url').toString('base64url') === text;
  if (!canonical(payload) || !canonical(signature)) throw invalidCursor();
  let position: Partial<ListPosition> | null;
  try {
    position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<ListPosition> | null;
  } catch {
    throw invalidCursor();
  }
  if (
    !position ||
    typeof position.pk !== 'string' ||
    typeof position.sk !== 'string' ||
    typeof position.statusSk !== 'string'
  ) {
    throw invalidCursor();
  }
  return { pk: position.pk, sk: position.sk, statusSk: position.statusSk };
};

/**
 * The signing key: `CURSOR_SECRET` when a deployment sets one, else one derived from the table
 * name, so cursors work across containers without a secret to provision. The signature binds a
 * cursor to its filters and catches corrupted ones; it is not what keeps tenants apart (a forged
 * cursor could only move within the caller's own tenant's list, whose partition is never taken
 * from the cursor), which is why the stack does not provision a secret for it.
 */
export const cursorSecret = (tableName: string, configured = process.env.CURSOR_SECRET): string =>
  configured && configured.length > 0
    ? configured
    : createHash('sha256').update(`backorder-list-cursor:${tableName}`).digest('hex');

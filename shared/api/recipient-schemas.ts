import * as z from 'zod';
import { idSchema } from '../domain/inputs.js';
import {
  MAX_RECIPIENTS_PER_TENANT,
  RECIPIENT_EVENT_TYPE_NAMES,
  RECIPIENT_EVENT_TYPES,
  RECIPIENT_PROTOCOLS,
} from '../recipients/recipient.js';
import { idParam } from './query-params.js';

/** A phone number in E.164, the form SNS sends SMS to. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** One value or several: any of them matches. */
const oneOrMany = (what: string) =>
  z
    .union([idSchema, z.array(idSchema).min(1).max(150)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .describe(`Only notifications of this ${what} (or of any of these).`);

const eventTypeList = Object.entries(RECIPIENT_EVENT_TYPES)
  .map(([name, attribute]) => `\`${name}\` (${attribute})`)
  .join(', ');

export const recipientBody = z
  .object({
    protocol: z.enum(RECIPIENT_PROTOCOLS),
    endpoint: z
      .string()
      .trim()
      .min(1)
      .max(254)
      .describe('An email address, or a phone number in E.164 (`+4712345678`).'),
    eventTypes: z
      .array(z.enum(RECIPIENT_EVENT_TYPE_NAMES))
      .min(1)
      .max(RECIPIENT_EVENT_TYPE_NAMES.length)
      .describe(`What to be told of: ${eventTypeList}.`),
    channel: oneOrMany('channel').optional(),
    warehouseId: oneOrMany('warehouse').optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const valid =
      body.protocol === 'email' ? z.email().safeParse(body.endpoint).success : E164.test(body.endpoint);
    if (!valid)
      ctx.addIssue({
        code: 'custom',
        path: ['endpoint'],
        message:
          body.protocol === 'email'
            ? 'Not an email address'
            : 'Not a phone number in E.164 (+<country><number>)',
      });
    if (new Set(body.eventTypes).size !== body.eventTypes.length)
      ctx.addIssue({ code: 'custom', path: ['eventTypes'], message: 'Duplicate event type' });
  })
  .describe(`A recipient; a tenant has at most ${MAX_RECIPIENTS_PER_TENANT}, one per address or number.`);

export const recipientPath = z.object({ recipientId: idParam.describe('The recipient.') }).strict();

export const recipientView = z.object({
  recipientId: z.string(),
  protocol: z.enum(RECIPIENT_PROTOCOLS),
  endpoint: z.string(),
  eventTypes: z.array(z.enum(RECIPIENT_EVENT_TYPE_NAMES)),
  channel: z.array(z.string()).optional(),
  warehouseId: z.array(z.string()).optional(),
  state: z
    .enum(['pending', 'confirmed', 'expired'])
    .describe(
      '`pending` until the address confirms (email; SMS is confirmed at once); `expired` if it never did.',
    ),
  createdAt: z.string(),
});

export const recipientListView = z.object({ recipients: z.array(recipientView) });

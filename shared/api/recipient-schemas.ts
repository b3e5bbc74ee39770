import * as z from 'zod/mini';
import { idSchema } from '../domain/inputs.js';
import {
  MAX_RECIPIENTS_PER_TENANT,
  RECIPIENT_EVENT_TYPE_NAMES,
  RECIPIENT_EVENT_TYPES,
  RECIPIENT_PROTOCOLS,
} from '../recipients/recipient.js';
import { described } from '../zod-mini.js';
import { idParam } from './query-params.js';

/** A phone number in E.164, the form SNS sends SMS to. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** One value or several: any of them matches. */
const oneOrMany = (what: string) =>
  described(
    z.pipe(
      z.union([idSchema, z.array(idSchema).check(z.minLength(1), z.maxLength(150))]),
      z.transform((value: string | string[]) => (Array.isArray(value) ? value : [value])),
    ),
    `Only notifications of this ${what} (or of any of these).`,
  );

const eventTypeList = Object.entries(RECIPIENT_EVENT_TYPES)
  .map(([name, attribute]) => `\`${name}\` (${attribute})`)
  .join(', ');

export const recipientBody = described(
  z
    .strictObject({
      protocol: z.enum(RECIPIENT_PROTOCOLS),
      endpoint: described(
        z.string().check(z.trim(), z.minLength(1), z.maxLength(254)),
        'An email address, or a phone number in E.164 (`+4712345678`).',
      ),
      eventTypes: described(
        z
          .array(z.enum(RECIPIENT_EVENT_TYPE_NAMES))
          .check(z.minLength(1), z.maxLength(RECIPIENT_EVENT_TYPE_NAMES.length)),
        `What to be told of: ${eventTypeList}.`,
      ),
      channel: z.optional(oneOrMany('channel')),
      warehouseId: z.optional(oneOrMany('warehouse')),
    })
    .check(
      z.superRefine((body, ctx) => {
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
      }),
    ),
  `A recipient; a tenant has at most ${MAX_RECIPIENTS_PER_TENANT}, one per address or number.`,
);

export const recipientPath = z.strictObject({ recipientId: described(idParam, 'The recipient.') });

export const recipientView = z.object({
  recipientId: z.string(),
  protocol: z.enum(RECIPIENT_PROTOCOLS),
  endpoint: z.string(),
  eventTypes: z.array(z.enum(RECIPIENT_EVENT_TYPE_NAMES)),
  channel: z.optional(z.array(z.string())),
  warehouseId: z.optional(z.array(z.string())),
  state: described(
    z.enum(['pending', 'confirmed', 'expired']),
    '`pending` until the address confirms (email; SMS is confirmed at once); `expired` if it never did.',
  ),
  createdAt: z.string(),
});

export const recipientListView = z.object({ recipients: z.array(recipientView) });

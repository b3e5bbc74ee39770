/**
 * The HTTP API as the console calls it: the key from sessionStorage as a bearer token, refusals as
 * `ApiError` with the API's own message. A 401 means the key is wrong or no longer valid: the
 * console forgets it and returns to sign-in.
 */

import type { output } from 'zod';
import type { bulkActView, summaryView } from '../../shared/api/console-responses.js';
import type { recipientListView, recipientView } from '../../shared/api/recipient-schemas.js';
import type {
  dryRunView,
  inboundView,
  orderDetailView,
  orderPageView,
  policiesView,
  stockView,
} from '../../shared/api/response-schemas.js';

export type OrderPage = output<typeof orderPageView>;
export type OrderSummary = OrderPage['orders'][number];
export type OrderDetail = output<typeof orderDetailView>;
export type BulkAnswer = output<typeof bulkActView>;
export type BulkResult = BulkAnswer['results'][number];
export type Summary = output<typeof summaryView>;
export type Stock = output<typeof stockView>;
export type Inbound = output<typeof inboundView>;
export type Policies = output<typeof policiesView>;
export type DryRun = output<typeof dryRunView>;
export type Recipient = output<typeof recipientView>;
export type RecipientList = output<typeof recipientListView>;

const KEY = 'backorder.apiKey';
let apiBase = '';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The API's `details`: for invalid input, `issues` with each field's `path` and `message`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Where the API is: the same origin locally; the deployment's `config.json` names it otherwise. */
export const loadConfig = async (): Promise<void> => {
  try {
    const answer = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (answer.ok)
      apiBase = String(((await answer.json()) as { apiUrl?: string }).apiUrl ?? '').replace(/\/$/, '');
  } catch {
    apiBase = '';
  }
};

export const storedKey = (): string | null => sessionStorage.getItem(KEY);
export const storeKey = (key: string): void => sessionStorage.setItem(KEY, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY);

/** Called when the key is refused: the app shows sign-in with this reason. */
let onSignedOut: (reason: string) => void = () => {};
export const whenSignedOut = (handler: (reason: string) => void): void => {
  onSignedOut = handler;
};

export const call = async <T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { query?: Record<string, string | undefined>; body?: unknown; key?: string } = {},
): Promise<T> => {
  const key = options.key ?? storedKey();
  const query = new URLSearchParams(
    Object.entries(options.query ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  let answer: Response;
  try {
    answer = await fetch(`${apiBase}${path}${query ? `?${query}` : ''}`, {
      method,
      headers: {
        authorization: `Bearer ${key ?? ''}`,
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      'The service could not be reached. Check your connection and try again.',
    );
  }
  const body = (await answer.json().catch(() => ({}))) as {
    error?: { code: string; message: string; details?: Record<string, unknown> };
  };
  if (answer.status === 401 || answer.status === 403) {
    if (!options.key) {
      forgetKey();
      onSignedOut('Your API key was refused or is no longer valid. Sign in again.');
    }
    throw new ApiError(answer.status, 'UNAUTHORIZED', 'That API key was not accepted.');
  }
  if (!answer.ok) {
    throw new ApiError(
      answer.status,
      body.error?.code ?? 'ERROR',
      body.error?.message ?? `The service answered ${answer.status}.`,
      body.error?.details ?? {},
    );
  }
  return body as T;
};

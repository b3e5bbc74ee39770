import { HttpError, jsonResponse, toErrorResponse } from '../../../shared/runtime/http-errors.js';

/** Answers carry customer data: no cache may keep them and no browser may sniff them as HTML. */
it.each([
  ['an answer', jsonResponse(200, { orders: [{ customer: { email: 'ada@example.org' } }] })],
  ['a refusal', toErrorResponse(new HttpError(400, 'INVALID_INPUT', 'no'))],
  ['an unexpected error', toErrorResponse(new Error('boom'))],
])('%s is marked no-store and nosniff', (_what, response) => {
  expect(response.headers).toEqual(
    expect.objectContaining({
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    }),
  );
});

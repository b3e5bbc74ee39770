/**
 * Request headers as a Lambda receives them. API Gateway v2 lowercases names, a local server may
 * not, and a test may write them as the platform documents them: every lookup ignores case.
 */
export type HeaderMap = Readonly<Record<string, string | undefined>>;

/** The value of header `name` in any letter case; `undefined` when absent. */
export const headerValue = (headers: HeaderMap | undefined, name: string): string | undefined => {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  return undefined;
};

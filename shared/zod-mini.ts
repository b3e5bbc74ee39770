import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Zod as runtime code uses it: the tree-shakeable `zod/mini` API (the classic API adds ~60 KB to
 * every function bundle, DESIGN §8), with the English messages classic zod sets up by itself, so
 * that errors answered to callers read as they always have. Every schema module imports this one;
 * importing `'zod'` itself is for tests only. Only the English locale: `z.locales.en` would bring
 * in all of them.
 */
z.config(en());

/**
 * A copy of the schema that carries a description into JSON Schema (OpenAPI), as classic zod's
 * `.describe()` makes it: a clone registered with its text, the original left as it was.
 */
export const described = <S extends z.ZodMiniType>(schema: S, description: string): S => {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
};

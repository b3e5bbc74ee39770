import * as z from 'zod';

/**
 * The shape of an OpenAPI 3.1 document, as far as this service uses it: enough to catch a
 * malformed document (a response without a description, a path parameter that is not required, a
 * media type without a schema, an unknown parameter location).
 */
const ref = z.object({ $ref: z.string().startsWith('#/') }).strict();
const schemaObject = z.record(z.string(), z.unknown());
const mediaType = z.object({ schema: schemaObject }).strict();
const content = z.record(z.string().regex(/^[\w.+-]+\/[\w.+-]+$/), mediaType);

const parameter = z
  .object({
    name: z.string().min(1),
    in: z.enum(['query', 'header', 'path', 'cookie']),
    required: z.boolean(),
    description: z.string().optional(),
    schema: schemaObject,
  })
  .strict()
  .refine((p) => p.in !== 'path' || p.required, 'path parameters must be required');

const response = z.object({ description: z.string().min(1), content: content.optional() }).strict();

const operation = z
  .object({
    operationId: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
    summary: z.string().min(1),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
    parameters: z.array(z.union([parameter, ref])).optional(),
    requestBody: z.object({ required: z.boolean(), content }).strict().optional(),
    responses: z
      .record(z.string().regex(/^([1-5]\d\d|[1-5]XX|default)$/), z.union([response, ref]))
      .refine((responses) => Object.keys(responses).length > 0, 'at least one response'),
  })
  .strict();

const pathItem = z
  .object({
    get: operation.optional(),
    put: operation.optional(),
    post: operation.optional(),
    delete: operation.optional(),
    patch: operation.optional(),
  })
  .strict();

export const openApi31Document = z
  .object({
    openapi: z.string().regex(/^3\.1\.\d+$/),
    info: z
      .object({ title: z.string().min(1), version: z.string().min(1), description: z.string().optional() })
      .strict(),
    security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
    tags: z.array(z.object({ name: z.string() }).strict()).optional(),
    paths: z.record(z.string().regex(/^\/[^?#]*$/), pathItem),
    components: z
      .object({
        schemas: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/), schemaObject).optional(),
        responses: z.record(z.string(), response).optional(),
        securitySchemes: z
          .record(
            z.string(),
            z.object({ type: z.enum(['http', 'apiKey', 'oauth2', 'openIdConnect', 'mutualTLS']) }).loose(),
          )
          .optional(),
      })
      .strict(),
  })
  .strict();

/** Every `$ref` in a value, with where it was found. */
export const refsIn = (value: unknown, at = '#'): Array<[ref: string, at: string]> => {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsIn(item, `${at}/${index}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string'
      ? [[item, at] as [string, string]]
      : refsIn(item, `${at}/${key}`),
  );
};

/** Follows a local JSON pointer (`#/components/schemas/Error`). */
export const resolvePointer = (document: unknown, pointer: string): unknown =>
  pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      document,
    );

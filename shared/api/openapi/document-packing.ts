import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * The OpenAPI document as the operator API serves it: its JSON text, built from the schemas ahead
 * of time (`npm run openapi`) and kept brotli-compressed in base64 (about 12 KB instead of 95 KB).
 * Building it at run time would put zod's JSON Schema converter and every channel's payload schema
 * into the function's bundle (~45 KB) for a route that is rarely called (DESIGN §8).
 */
export const packDocument = (json: string): string =>
  brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    },
  }).toString('base64');

export const unpackDocument = (packed: string): string =>
  brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');

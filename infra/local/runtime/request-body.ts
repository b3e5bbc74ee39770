/**
 * A request body as API Gateway (HTTP API, payload format 2.0) hands it to a function: as text
 * for the text media types (`text/*`, `application/json`, `application/xml`,
 * `application/javascript`) when the bytes are UTF-8, otherwise base64-encoded with
 * `isBase64Encoded: true`, so the function sees the exact bytes (signatures are computed over
 * them). A body over the gateway's 10 MiB is answered 413 before any function runs.
 */
import type { IncomingMessage } from 'node:http';
import { AWS_LIMITS } from '../../../shared/limits.js';

export interface EventBody {
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

const TEXT_TYPE = /^(?:text\/[^;\s]+|application\/(?:json|xml|javascript))\s*(?:;|$)/i;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function eventBody(bytes: Buffer, contentType: string | undefined): EventBody {
  if (TEXT_TYPE.test(contentType?.trim() ?? '')) {
    try {
      return { body: UTF8.decode(bytes), isBase64Encoded: false };
    } catch {
      // Not UTF-8 after all: handed over as bytes, never converted.
    }
  }
  return { body: bytes.toString('base64'), isBase64Encoded: bytes.length > 0 };
}

export type BodyRead = { kind: 'read'; bytes: Buffer } | { kind: 'too-large' };

/** Reads the whole body, stopping (and draining the rest) once it passes the gateway's limit. */
export const readBody = (request: IncomingMessage): Promise<BodyRead> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > AWS_LIMITS.apiGatewayBodyBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () =>
      resolve(tooLarge ? { kind: 'too-large' } : { kind: 'read', bytes: Buffer.concat(chunks) }),
    );
  });

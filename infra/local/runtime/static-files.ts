import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Reply } from './http-server.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * A file of `dir` for a GET no API route takes: the file the path names, else (for a path without
 * an extension, a page of the single-page app) `index.html`, as CloudFront's error responses do.
 * Nothing outside `dir` is ever read. Revalidated on every load, as the deployed files are.
 */
export function staticFile(dir: string, rawPath: string): Reply | undefined {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  const root = normalize(dir + sep);
  const wanted = normalize(join(root, path));
  const inside = wanted.startsWith(root);
  const file =
    inside && existsSync(wanted) && statSync(wanted).isFile()
      ? wanted
      : extname(path) === ''
        ? join(root, 'index.html')
        : undefined;
  if (!file || !existsSync(file)) return undefined;
  return {
    statusCode: 200,
    headers: {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
    body: readFileSync(file),
  };
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticFile } from '../../../../infra/local/runtime/static-files.js';

let dir: string;
beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'static-files-'));
  dir = join(root, 'site');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'not served');
});
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

it('serves the files of the build with their types, revalidated on every load', () => {
  expect(staticFile(dir, '/assets/app.js')).toMatchObject({
    statusCode: 200,
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' },
  });
  expect(String(staticFile(dir, '/')?.body)).toContain('<title>console</title>');
});

it('answers any other page path with the page, and a missing file with nothing', () => {
  expect(String(staticFile(dir, '/queue/anything')?.body)).toContain('<title>console</title>');
  expect(staticFile(dir, '/assets/missing.js')).toBeUndefined();
});

it('never reads outside the build', () => {
  expect(staticFile(dir, '/../secret.txt')).toBeUndefined();
  expect(staticFile(dir, '/%2e%2e/secret.txt')).toBeUndefined();
  expect(staticFile(dir, '/%E0%A4%A')).toBeUndefined();
});

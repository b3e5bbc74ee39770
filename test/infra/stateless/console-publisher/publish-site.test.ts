import { describe, expect, it } from '@jest/globals';
import { contentTypeOf } from '../../../../infra/stateless/console-publisher/publication.js';
import { publishSite, removeSite } from '../../../../infra/stateless/console-publisher/publish-site.js';
import { inMemoryBucket } from './in-memory-bucket.js';

const file = (key: string, text = key) => ({ key, body: new TextEncoder().encode(text) });
const build = [
  file('index.html', '<!doctype html>'),
  file('assets/main-abc.js'),
  file('assets/main-abc.css'),
];

describe('publishing the console into its bucket', () => {
  it('puts every file of the build and the API address as config.json', async () => {
    const { bucket, objects, text } = inMemoryBucket();
    const result = await publishSite(bucket, build, { apiUrl: 'https://api.example.test' });
    expect([...objects.keys()].sort()).toEqual([
      'assets/main-abc.css',
      'assets/main-abc.js',
      'config.json',
      'index.html',
    ]);
    expect(JSON.parse(text('config.json') ?? '')).toEqual({ apiUrl: 'https://api.example.test' });
    expect(result).toEqual({ put: 4, deleted: 0 });
  });

  it('serves each file with its content type', async () => {
    const { bucket, objects } = inMemoryBucket();
    await publishSite(bucket, build, { apiUrl: 'x' });
    expect(objects.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    expect(objects.get('assets/main-abc.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(objects.get('assets/main-abc.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(objects.get('config.json')?.contentType).toBe('application/json');
    expect(contentTypeOf('blob.unknown')).toBe('application/octet-stream');
  });

  it('puts the page and its configuration after the files they reference, then deletes stale files', async () => {
    const { bucket, calls, objects } = inMemoryBucket({ 'assets/main-old.js': 'old', 'index.html': 'old' });
    const result = await publishSite(bucket, build, { apiUrl: 'x' });
    const puts = calls.filter((call) => call.startsWith('put '));
    expect(puts.slice(-2).sort()).toEqual(['put config.json', 'put index.html']);
    expect(calls.at(-1)).toBe('delete assets/main-old.js');
    expect(objects.has('assets/main-old.js')).toBe(false);
    expect(result).toEqual({ put: 4, deleted: 1 });
  });

  it('never takes a config.json from the build: the deployment writes its own', async () => {
    const { bucket, text } = inMemoryBucket();
    await publishSite(bucket, [...build, file('config.json', '{"apiUrl":"stale"}')], { apiUrl: 'fresh' });
    expect(JSON.parse(text('config.json') ?? '')).toEqual({ apiUrl: 'fresh' });
  });

  it('empties the bucket when the console is removed', async () => {
    const { bucket, objects } = inMemoryBucket({ 'index.html': 'x', 'config.json': '{}' });
    expect(await removeSite(bucket)).toEqual({ put: 0, deleted: 2 });
    expect(objects.size).toBe(0);
  });
});

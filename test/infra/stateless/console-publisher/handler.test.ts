import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { publishConsole } from '../../../../infra/stateless/console-publisher/handler.js';
import { inMemoryBucket } from './in-memory-bucket.js';

/** What CloudFormation's pre-signed response URL received, per request id. */
const responses = new Map<
  string,
  { method: string; contentType: string | undefined; body: Record<string, unknown> }
>();
let server: Server;
let responseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      responses.set(String(body.RequestId), {
        method: request.method ?? '',
        contentType: request.headers['content-type'],
        body,
      });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response?X-Amz-Signature=x`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const siteDir = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'console-site-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Backorders</title>');
  writeFileSync(join(dir, 'assets', 'main-1.js'), 'console.log(1)');
  return pathToFileURL(`${dir}/`);
})();

let requests = 0;
const event = (
  requestType: 'Create' | 'Update' | 'Delete',
  bucketName = 'console-bucket',
): CloudFormationCustomResourceEvent => {
  const common = {
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:publisher',
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/backorders/1',
    RequestId: `request-${++requests}`,
    LogicalResourceId: 'ConsolePublisherPublication',
    ResourceType: 'Custom::ConsolePublication',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:publisher',
      BucketName: bucketName,
      Config: { apiUrl: 'https://api.example.test' },
      BuildHash: 'abc',
    },
  };
  return requestType === 'Create'
    ? { ...common, RequestType: 'Create' }
    : requestType === 'Update'
      ? {
          ...common,
          RequestType: 'Update',
          PhysicalResourceId: bucketName,
          OldResourceProperties: common.ResourceProperties,
        }
      : { ...common, RequestType: 'Delete', PhysicalResourceId: bucketName };
};

describe('the console publisher custom resource', () => {
  it('publishes the packaged build and answers CloudFormation SUCCESS, named by its bucket', async () => {
    const { bucket, objects, text } = inMemoryBucket();
    const created = event('Create');
    await publishConsole({ bucketFor: () => bucket, siteDir })(created);
    expect([...objects.keys()].sort()).toEqual(['assets/main-1.js', 'config.json', 'index.html']);
    expect(text('index.html')).toBe('<!doctype html><title>Backorders</title>');
    const answer = responses.get(created.RequestId);
    expect(answer?.method).toBe('PUT');
    expect(answer?.contentType ?? '').toBe('');
    expect(answer?.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'console-bucket',
      StackId: created.StackId,
      LogicalResourceId: created.LogicalResourceId,
      Data: { put: 3, deleted: 0 },
    });
  });

  it('replaces an earlier build on update', async () => {
    const { bucket, objects } = inMemoryBucket({ 'assets/main-0.js': 'old' });
    await publishConsole({ bucketFor: () => bucket, siteDir })(event('Update'));
    expect(objects.has('assets/main-0.js')).toBe(false);
    expect(objects.has('assets/main-1.js')).toBe(true);
  });

  it('empties the bucket on delete, and treats a bucket already gone as done', async () => {
    const { bucket, objects } = inMemoryBucket({ 'index.html': 'x' });
    await publishConsole({ bucketFor: () => bucket, siteDir })(event('Delete'));
    expect(objects.size).toBe(0);
    const gone = event('Delete');
    const missing = Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket' });
    await publishConsole({
      bucketFor: () => ({ ...bucket, keys: () => Promise.reject(missing) }),
      siteDir,
    })(gone);
    expect(responses.get(gone.RequestId)?.body.Status).toBe('SUCCESS');
  });

  it('answers FAILED with the reason when the bucket refuses a file, so the stack does not hang', async () => {
    const { bucket } = inMemoryBucket();
    const created = event('Create');
    const denied = Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    await publishConsole({ bucketFor: () => ({ ...bucket, put: () => Promise.reject(denied) }), siteDir })(
      created,
    );
    expect(responses.get(created.RequestId)?.body).toMatchObject({
      Status: 'FAILED',
      Reason: 'Access Denied',
      PhysicalResourceId: 'console-bucket',
    });
  });
});

/**
 * The console's publisher: a custom resource (`Custom::ConsolePublication`) on the service's own
 * Node.js runtime that copies the console's build, shipped inside this function's package under
 * `site/`, into the console's bucket with the API's address in `config.json`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { sendOutcome } from './cfn-response.js';
import { type PublicationProperties, SITE_FOLDER } from './contract.js';
import { publishSite, removeSite } from './publish-site.js';
import { type SiteBucket, s3SiteBucket } from './site-bucket.js';

const SITE_DIR = new URL(`./${SITE_FOLDER}/`, import.meta.url);

export async function readBuild(dir: URL = SITE_DIR): Promise<Array<{ key: string; body: Uint8Array }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      const key = relative(fileURLToPath(dir), path).split(sep).join('/');
      return { key, body: await readFile(path) };
    }),
  );
}

export interface PublisherDeps {
  readonly bucketFor: (name: string) => SiteBucket;
  readonly siteDir?: URL;
}

export const publishConsole =
  ({ bucketFor, siteDir }: PublisherDeps) =>
  async (event: CloudFormationCustomResourceEvent): Promise<void> => {
    const properties = event.ResourceProperties as unknown as PublicationProperties;
    // The bucket names the resource: an update that moves the console to another bucket makes
    // CloudFormation delete the old resource, which empties the old bucket, never the new one.
    const physicalResourceId = properties.BucketName;
    try {
      const bucket = bucketFor(properties.BucketName);
      const result =
        event.RequestType === 'Delete'
          ? await removeSite(bucket)
          : await publishSite(bucket, await readBuild(siteDir), properties.Config);
      console.info(
        JSON.stringify({ message: 'console published', requestType: event.RequestType, ...result }),
      );
      await sendOutcome(event, { status: 'SUCCESS', physicalResourceId, data: { ...result } });
    } catch (error) {
      // A bucket already gone has nothing left to remove; failing would leave the stack stuck.
      if (event.RequestType === 'Delete' && (error as { name?: string }).name === 'NoSuchBucket') {
        await sendOutcome(event, { status: 'SUCCESS', physicalResourceId, data: { put: 0, deleted: 0 } });
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      console.error(
        JSON.stringify({ message: 'console not published', requestType: event.RequestType, reason }),
      );
      await sendOutcome(event, { status: 'FAILED', physicalResourceId, reason });
    }
  };

const s3 = new S3Client({});
export const handler = publishConsole({ bucketFor: (name) => s3SiteBucket(s3, name) });

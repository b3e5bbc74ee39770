/** The console's bucket as the publisher sees it: list, put, delete. */
import {
  DeleteObjectsCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { CACHE_CONTROL, type SiteObject } from './publication.js';

export interface SiteBucket {
  keys(): Promise<string[]>;
  put(object: SiteObject): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

/** DeleteObjects takes at most 1,000 keys a call. */
const DELETE_BATCH = 1000;

export function s3SiteBucket(client: S3Client, bucket: string): SiteBucket {
  return {
    async keys() {
      const keys: string[] = [];
      for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket }))
        for (const { Key } of page.Contents ?? []) if (Key) keys.push(Key);
      return keys;
    },
    async put({ key, body, contentType }) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          CacheControl: CACHE_CONTROL,
        }),
      );
    },
    async delete(keys) {
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const { Errors } = await client.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: keys.slice(start, start + DELETE_BATCH).map((Key) => ({ Key })), Quiet: true },
          }),
        );
        if (Errors?.length)
          throw new Error(`could not delete ${Errors.length} object(s), first: ${Errors[0]?.Key}`);
      }
    },
  };
}

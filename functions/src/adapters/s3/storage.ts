import { CopyObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStorage } from '../../ports/storage';
import { lambdaCredentials } from '../aws/credentials';

export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** A local S3-compatible server (s3rver); unset in AWS. Path-style addressing and its dummy credentials then. */
  endpoint?: string;
  /** The endpoint as clients (a browser, a phone) reach it, when not the same as the server's. */
  publicEndpoint?: string;
}

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

function clientFor(region: string, endpoint: string | undefined): S3Client {
  // In AWS: the execution role's, from the environment (never the SDK's default chain: see lambdaCredentials).
  const config: S3ClientConfig = { region, credentials: lambdaCredentials() };
  if (endpoint) Object.assign(config, { endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return new S3Client(config);
}

/** The evidence bucket on S3 (or s3rver locally). Presigned URLs are returned, never logged. */
export function createS3Storage(config: S3StorageConfig): ObjectStorage {
  const s3 = clientFor(config.region, config.endpoint);
  // Links are signed for the address clients use (the signature covers the host).
  const signer = config.publicEndpoint && config.publicEndpoint !== config.endpoint ? clientFor(config.region, config.publicEndpoint) : s3;
  const Bucket = config.bucket;

  return {
    async presignPost(key, { contentType, maxBytes, expiresSeconds }) {
      const { url, fields } = await createPresignedPost(signer, {
        Bucket,
        Key: key,
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
        ],
        Fields: { 'Content-Type': contentType },
        Expires: expiresSeconds,
      });
      return { url, fields };
    },

    presignGet(key, { expiresSeconds, downloadName, contentType }) {
      return getSignedUrl(
        signer,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ...(downloadName ? { ResponseContentDisposition: `attachment; filename="${downloadName}"` } : {}),
          ...(contentType ? { ResponseContentType: contentType } : {}),
        }),
        { expiresIn: expiresSeconds },
      );
    },

    async size(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket, Key: key }));
        return head.ContentLength ?? 0;
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },

    async read(key) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },

    async write(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
    },

    async copy(fromKey, toKey) {
      await s3.send(new CopyObjectCommand({ Bucket, Key: toKey, CopySource: `${Bucket}/${encodeURIComponent(fromKey).replaceAll('%2F', '/')}` }));
    },

    async remove(keys) {
      if (!keys.length) return;
      await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
    },
  };
}

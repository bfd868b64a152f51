import { mkdirSync } from 'node:fs';
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
// s3rver 3.7.1 (what serverless-s3-local uses): a real S3-compatible HTTP server in this process,
// objects on disk. It does not enforce POST policy conditions (TOOLING.md), so the server checks
// size and type after every upload — as it must on S3 too.
import S3rver from 's3rver';
import { freePort } from './dynamo-local';

export interface S3Local {
  endpoint: string;
  port: number;
  /** A client of this server (path-style, its dummy credentials). */
  client: S3Client;
  /** Create a bucket (if missing) that browsers may POST uploads to and GET from. */
  ensureBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Start s3rver on `port` (a free one by default), storing objects under `directory`. */
export async function startS3Local(options: { directory: string; port?: number }): Promise<S3Local> {
  mkdirSync(options.directory, { recursive: true });
  const port = options.port ?? (await freePort());
  const server = new S3rver({ address: '127.0.0.1', port, directory: options.directory, silent: true, vhostBuckets: false });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'local', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    endpoint,
    port,
    client,
    async ensureBucket(name) {
      try {
        await client.send(new CreateBucketCommand({ Bucket: name }));
      } catch (error) {
        const code = (error as { name?: string }).name;
        if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
      }
      await client.send(
        new PutBucketCorsCommand({
          Bucket: name,
          CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['POST', 'GET', 'HEAD'], AllowedHeaders: ['*'], MaxAgeSeconds: 600 }] },
        }),
      );
    },
    async stop() {
      client.destroy();
      await server.close();
    },
  };
}

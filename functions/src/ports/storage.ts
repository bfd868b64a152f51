/**
 * The evidence bucket: presigned links for clients (the files never pass through a Lambda on the
 * way in or out) and the few reads and writes sanitising needs. Links are secrets: never logged.
 */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

export interface ObjectStorage {
  /** A POST form that stores one object at `key`, of exactly `contentType`, at most `maxBytes`, for `expiresSeconds`. */
  presignPost(key: string, options: { contentType: string; maxBytes: number; expiresSeconds: number }): Promise<PresignedPost>;
  /** A GET link for `expiresSeconds`; `downloadName` makes the browser save it (Content-Disposition: attachment). */
  presignGet(key: string, options: { expiresSeconds: number; downloadName?: string; contentType?: string }): Promise<string>;
  /** The object's size, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** The object's bytes (callers check the size first), or undefined when there is none. */
  read(key: string): Promise<Buffer | undefined>;
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  copy(fromKey: string, toKey: string): Promise<void>;
  /** Remove the objects; a missing one is not an error. */
  remove(keys: string[]): Promise<void>;
}

import { createHash, createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { passwordFromBytes } from '@minsheng/shared';

const scrypt = (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt cost: N=2^15, r=8, p=1 (~32 MB, tens of ms): slow enough to make guessing offline costly. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

/** `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/**
 * The scrypt hash of random bytes nobody kept (made once, offline, with the same cost): checked
 * when the case or account does not exist, so both answers take as long. A constant, so no hash
 * is computed at cold start.
 */
const DECOY_HASH = 'scrypt$32768$8$1$nCmdAWS78OyTr4BmrlyWXg$zDziriA276or6F0FKXG45Em9abHI8Xwjon5CYINV5Zc';

/** Check `password` against the decoy (always false, as slow as a real check). */
export async function verifyDecoyPassword(password: string): Promise<boolean> {
  await verifyPassword(password, DECOY_HASH);
  return false;
}

export function sha256(input: string): string {
  return createHash('sha256').update(input).digest('base64url');
}

/** A sub-key of the app secret for one purpose, so one secret can safely serve several. */
export function deriveKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`minsheng:${purpose}`).digest();
}

/** A password from the unambiguous alphabet, from fresh randomness. */
export function randomPassword(): string {
  for (;;) {
    const password = passwordFromBytes(randomBytes(32));
    if (password) return password;
  }
}

/**
 * The password for a filing made with an Idempotency-Key: derived from the key with a server
 * secret, so a retry gets the same password without the plain password being stored anywhere.
 */
export function passwordForIdempotencyKey(secretKey: Buffer, idempotencyKey: string): string {
  for (let counter = 0; ; counter++) {
    const bytes = createHmac('sha256', secretKey).update(`${counter}:${idempotencyKey}`).digest();
    const password = passwordFromBytes(bytes);
    if (password) return password;
  }
}

/** Six random decimal digits for a case number. */
export function randomCaseDigits(): string {
  return String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
}

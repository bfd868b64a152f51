import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/lib/secrets';
import { isStatusKey, statusKeyOf } from '../src/services/citizen/status-key';

const key = Buffer.alloc(32, 3);
const otherKey = Buffer.alloc(32, 4);

describe('status keys', () => {
  it('are 22 URL-safe characters, the same for the same case and password hash, and accepted only for them', async () => {
    const hash = await hashPassword('B68DWRME');
    const k = statusKeyOf(key, '20261201123456', hash);
    expect(k).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(statusKeyOf(key, '20261201123456', hash)).toBe(k);
    expect(isStatusKey(key, '20261201123456', hash, k)).toBe(true);
    expect(isStatusKey(key, '20261201123457', hash, k)).toBe(false);
    expect(isStatusKey(otherKey, '20261201123456', hash, k)).toBe(false);
    expect(isStatusKey(key, '20261201123456', hash, `${k}x`)).toBe(false);
    expect(isStatusKey(key, '20261201123456', hash, '')).toBe(false);
  });

  it('change when the password is reset (a new hash), even to the same password', async () => {
    const before = await hashPassword('B68DWRME');
    const after = await hashPassword('B68DWRME');
    const k = statusKeyOf(key, '20261201123456', before);
    expect(isStatusKey(key, '20261201123456', after, k)).toBe(false);
  });
});

import Taro from '@tarojs/taro';

/** Read a JSON value kept on this device; undefined when missing or unreadable. */
export function readStored<T>(key: string): T | undefined {
  try {
    const value = Taro.getStorageSync(key) as unknown;
    if (value === '' || value === undefined || value === null) return undefined;
    return (typeof value === 'string' ? JSON.parse(value) : value) as T;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable (private mode): the app still works, it just remembers less.
  }
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing to do
  }
}

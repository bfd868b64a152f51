import { useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { readStored, writeStored } from './storage';

const KEY = 'minsheng:large-text';
const listeners = new Set<(on: boolean) => void>();

export function isLargeText(): boolean {
  return readStored<boolean>(KEY) === true;
}

/** Turn large-text mode on or off; remembered on this device, applied to every open page at once. */
export function setLargeText(on: boolean): void {
  writeStored(KEY, on);
  for (const listener of listeners) listener(on);
}

/** Whether large-text mode is on; follows changes made on any page. */
export function useLargeText(): boolean {
  const [on, setOn] = useState(isLargeText);
  useEffect(() => {
    listeners.add(setOn);
    return () => {
      listeners.delete(setOn);
    };
  }, []);
  // A page coming back into view re-reads it (it may have been changed on another page).
  useDidShow(() => setOn(isLargeText()));
  return on;
}

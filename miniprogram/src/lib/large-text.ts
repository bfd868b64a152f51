import { useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { readStored, writeStored } from './storage';

/** A display setting remembered on this device and applied to every open page at once. */
function displaySetting(key: string) {
  const listeners = new Set<(on: boolean) => void>();
  const read = () => readStored<boolean>(key) === true;
  const set = (on: boolean) => {
    writeStored(key, on);
    for (const listener of listeners) listener(on);
  };
  const use = () => {
    const [on, setOn] = useState(read);
    useEffect(() => {
      listeners.add(setOn);
      return () => {
        listeners.delete(setOn);
      };
    }, []);
    // A page coming back into view re-reads it (it may have been changed on another page).
    useDidShow(() => setOn(read()));
    return on;
  };
  return { read, set, use };
}

const large = displaySetting('minsheng:large-text');
const contrast = displaySetting('minsheng:high-contrast');

export function isLargeText(): boolean {
  return large.read();
}

/** Turn large-text mode on or off; remembered on this device, applied to every open page at once. */
export function setLargeText(on: boolean): void {
  large.set(on);
}

/** Whether large-text mode is on; follows changes made on any page. */
export function useLargeText(): boolean {
  return large.use();
}

export function isHighContrast(): boolean {
  return contrast.read();
}

/** High contrast (black on white, stronger borders and underlines): remembered like large text. */
export function setHighContrast(on: boolean): void {
  contrast.set(on);
}

export function useHighContrast(): boolean {
  return contrast.use();
}

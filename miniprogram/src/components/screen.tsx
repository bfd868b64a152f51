import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { role } from '../lib/a11y';
import { useLargeText } from '../lib/large-text';

/** The frame of every page: applies large-text mode and marks the main content for screen readers. */
export function Screen({ children }: { children: ReactNode }) {
  const large = useLargeText();
  return (
    <View className={`screen${large ? ' screen--large' : ''}`} {...role('main')}>
      {children}
    </View>
  );
}

import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { role } from '../lib/a11y';
import { useHighContrast, useLargeText } from '../lib/large-text';

/** The frame of every page: applies large-text and high-contrast modes and marks the main content for screen readers. */
export function Screen({ children }: { children: ReactNode }) {
  const large = useLargeText();
  const contrast = useHighContrast();
  return (
    <View className={`screen${large ? ' screen--large' : ''}${contrast ? ' screen--contrast' : ''}`} {...role('main')}>
      {children}
    </View>
  );
}

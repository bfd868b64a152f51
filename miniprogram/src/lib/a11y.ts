import { IS_H5 } from './env';

/**
 * ARIA role for a Taro component. Taro's prop types have no `role`; on H5 it reaches the DOM, on
 * weapp the template drops it (WeChat reads the visible text instead).
 */
export function role(name: string): Record<string, string> {
  return { role: name };
}

/**
 * On H5: reachable with Tab, and Enter or Space acts like a tap (Taro's tappable views and
 * buttons are custom elements, not native controls). Nothing on weapp, which has no keyboard.
 */
export function keyboardTappable(onTap: (() => void) | undefined): Record<string, unknown> {
  if (!IS_H5) return {};
  return {
    tabIndex: 0,
    onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
      if (onTap && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault?.();
        onTap();
      }
    },
  };
}

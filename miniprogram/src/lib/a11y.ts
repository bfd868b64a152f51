import Taro from '@tarojs/taro';
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

/** The element id of a form field's anchor (`contact.phone` → `field-contact-phone`). */
export function fieldAnchor(key: string): string {
  return `field-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * Bring the element with `id` into view and put the focus in it (its input, or the element
 * itself) so a screen reader reads it: H5 scrollIntoView; weapp Taro.pageScrollTo with a selector.
 */
export async function scrollToAnchor(id: string): Promise<void> {
  if (IS_H5) {
    const el = typeof document !== 'undefined' ? document.getElementById(id) : null;
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    const target = el.querySelector<HTMLElement>('input, textarea, [role="radio"], [role="switch"]') ?? el;
    if (target === el && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    return;
  }
  await Taro.pageScrollTo({ selector: `#${id}`, duration: 200, offsetTop: -80 }).catch(() => undefined);
}

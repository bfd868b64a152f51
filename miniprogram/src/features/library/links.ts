import Taro from '@tarojs/taro';
import { MINIPROGRAM_PAGES, pageUrl } from '@minsheng/shared';

/** The library page of one item. */
export function libraryItemUrl(id: string): string {
  return pageUrl('libraryDetail', { id });
}

/** A fresh id for a link that chooses the filing form's type (see `draftForLink`). */
export function newLinkId(): string {
  return Date.now().toString(36);
}

/** The filing form's URL with the case type chosen by this tap. */
export function fileFormUrl(type: string): string {
  return pageUrl('file', { type, link: newLinkId() });
}

/**
 * "Ask instead": back to the filing form when it is already open below this page (one form, one
 * draft: a second copy of the form would write over the first's draft); else open it for a consultation.
 */
export function openConsultationForm(): Promise<unknown> {
  const pages = Taro.getCurrentPages();
  const at = pages.findIndex((p) => (p.route ?? '').replace(/^\//, '') === MINIPROGRAM_PAGES.file);
  if (at >= 0) return Taro.navigateBack({ delta: pages.length - 1 - at });
  return Taro.navigateTo({ url: fileFormUrl('consultation') });
}

import Taro from '@tarojs/taro';

export const LIBRARY_SEARCH_PAGE = '/subpackages/library/search/index';
const FILE_PAGE = 'pages/file/index';

/** The library page of one item. */
export function libraryItemUrl(id: string): string {
  return `/subpackages/library/detail/index?id=${encodeURIComponent(id)}`;
}

/** A fresh id for a link that chooses the filing form's type (see `draftForLink`). */
export function newLinkId(): string {
  return Date.now().toString(36);
}

/** The filing form's URL with the case type chosen by this tap. */
export function fileFormUrl(type: string): string {
  return `/pages/file/index?type=${type}&link=${newLinkId()}`;
}

/**
 * "Ask instead": back to the filing form when it is already open below this page (one form, one
 * draft: a second copy of the form would write over the first's draft); else open it for a consultation.
 */
export function openConsultationForm(): Promise<unknown> {
  const pages = Taro.getCurrentPages();
  const at = pages.findIndex((p) => (p.route ?? '').replace(/^\//, '') === FILE_PAGE);
  if (at >= 0) return Taro.navigateBack({ delta: pages.length - 1 - at });
  return Taro.navigateTo({ url: fileFormUrl('consultation') });
}

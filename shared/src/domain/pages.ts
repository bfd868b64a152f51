/**
 * Every page of the citizens' mini-program, by name: the one table the app's navigation and the
 * server's WeChat messages (which open a page) take paths from. A test checks it against the
 * pages `miniprogram/src/app.config.ts` declares, so a path here is a page that exists.
 */
export const MINIPROGRAM_PAGES = {
  home: 'pages/index/index',
  file: 'pages/file/index',
  track: 'pages/track/index',
  credentials: 'subpackages/case/credentials/index',
  caseDetail: 'subpackages/case/detail/index',
  /** 找回查询密码: an SMS code to the phone given at filing → the phone's cases, open or set a new password. */
  recover: 'subpackages/case/recover/index',
  librarySearch: 'subpackages/library/search/index',
  libraryDetail: 'subpackages/library/detail/index',
  /** 部门排行: the monthly 考核 ranking a supervisor published (public figures only). */
  ranking: 'subpackages/ranking/index',
} as const;

export type MiniprogramPage = keyof typeof MINIPROGRAM_PAGES;

type Query = Record<string, string | number | undefined>;

function withQuery(path: string, query: Query | undefined): string {
  const pairs = Object.entries(query ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return pairs.length ? `${path}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}` : path;
}

/** A page's URL for in-app navigation (Taro.navigateTo and friends): absolute, with its query. */
export function pageUrl(page: MiniprogramPage, query?: Query): string {
  return withQuery(`/${MINIPROGRAM_PAGES[page]}`, query);
}

/** A page as WeChat's server APIs take it (a subscription message's `page`): no leading slash. */
export function messagePage(page: MiniprogramPage, query?: Query): string {
  return withQuery(MINIPROGRAM_PAGES[page], query);
}

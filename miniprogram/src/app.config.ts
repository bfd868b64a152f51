export default defineAppConfig({
  // Main package: what almost everyone opens. Credentials, the case page and the library load on demand.
  pages: ['pages/index/index', 'pages/file/index', 'pages/track/index'],
  subPackages: [
    {
      root: 'subpackages/case',
      pages: ['credentials/index', 'detail/index', 'recover/index'],
    },
    {
      // The policy library: searched from the home page, opened from suggestions on the consultation form.
      root: 'subpackages/library',
      pages: ['search/index', 'detail/index'],
    },
    {
      // 部门排行: the published monthly 考核 ranking, opened from the home page.
      root: 'subpackages/ranking',
      pages: ['index'],
    },
  ],
  preloadRule: {
    'pages/file/index': { network: 'all', packages: ['subpackages/case', 'subpackages/library'] },
    'pages/track/index': { network: 'all', packages: ['subpackages/case'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f2f3f5',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '民声',
    navigationBarTextStyle: 'black',
  },
  // Only components a page actually uses are loaded (WeChat's code-quality check asks for it).
  lazyCodeLoading: 'requiredComponents',
  // chooseLocation on the filing form.
  requiredPrivateInfos: ['chooseLocation'],
});

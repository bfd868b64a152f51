// A blank Taro app: the baseline the benchmark compares our pages with (same Taro, same build settings).
export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: 'blank' },
  lazyCodeLoading: 'requiredComponents',
});

export default definePageConfig({ navigationBarTitleText: '民声 · 群众诉求' });

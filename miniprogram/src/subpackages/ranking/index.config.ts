export default definePageConfig({ navigationBarTitleText: '部门排行' });

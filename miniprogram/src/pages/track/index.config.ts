export default definePageConfig({ navigationBarTitleText: '查询办理进度' });

export default definePageConfig({ navigationBarTitleText: '找回查询密码' });

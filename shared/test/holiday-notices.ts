/**
 * Holiday notices as admins will paste them (not a test file itself).
 *
 * NOTICE_2026 is the State Council's real notice, 国务院办公厅关于2026年部分节假日安排的通知
 * (国办发明电〔2025〕7号, 2025-11-04), as published by Xinhua and gov.cn
 * (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm), with the full-width
 * punctuation and the indentation of the original, preamble and closing included.
 *
 * NOTICE_2025_LINES and NOTICE_2024_LINES are the holiday lines of the 2025 and 2024 notices as the
 * chinese-days package quotes them in its source (src/holidays/generate.ts), in their wording.
 *
 * EXAMPLE_2027 is NOT an official text: the 2027 notice is not published yet. It is a plausible
 * schedule in the notice's wording, for tests of entering a year the package does not know.
 */

export const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日
`;

export const NOTICE_2025_LINES = `1. 元旦：1月1日（周三）放假1天，不调休。
2. 春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
3. 清明节：4月4日（周五）至6日（周日）放假，共3天。
4. 劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
5. 端午节：5月31日（周六）至6月2日（周一）放假，共3天。
6. 国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

export const NOTICE_2024_LINES = `一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。`;

/** An EXAMPLE for 2027 (not the official schedule): 元旦 on the Friday; 春节 Saturday 02-06 to Saturday 02-13 with two make-up weekend days. */
export const EXAMPLE_2027 = `示例（非官方）：2027年部分节假日安排
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至13日（周六）放假调休，共8天。1月31日（周日）、2月20日（周六）上班。`;

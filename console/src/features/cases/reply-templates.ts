/**
 * Reply templates by category: a starting point the handler edits, never sent as is. The【…】
 * parts are for the handler to fill in. A small static map; an admin-managed library can replace it.
 */
export interface ReplyTemplate {
  name: string;
  text: string;
}

const GENERAL: ReplyTemplate[] = [
  {
    name: '通用：已核查并解决',
    text: '您好！您反映的问题已收悉。经我单位核查，【核查情况】。目前已【处理结果】。感谢您对我们工作的监督和支持，如仍有疑问，请致电【联系电话】。',
  },
  {
    name: '通用：政策解答',
    text: '您好！关于您咨询的问题，根据【政策文件名称及条款】，【政策内容说明】。办理时需要【所需材料及办理地点】。如需进一步了解，可致电【联系电话】咨询。',
  },
  {
    name: '通用：不属于本部门职责时说明',
    text: '您好！经核实，您反映的【事项】依法由【责任单位】负责。我单位已将有关情况转告该单位，并将跟踪办理结果。',
  },
];

const BY_CATEGORY: Record<string, ReplyTemplate[]> = {
  'tuoqian-gongzi': [
    {
      name: '欠薪：已督促发放',
      text: '您好！您反映的【项目名称】拖欠农民工工资问题，我局已于【日期】约谈施工总承包单位和劳务分包单位，责令其限期支付。截至【日期】，已发放工资【金额】元，涉及【人数】名工人。剩余款项将于【日期】前付清，我局将持续跟踪。',
    },
    {
      name: '欠薪：立案查处',
      text: '您好！经调查，【单位名称】存在拖欠工资的违法行为，我局已依法立案，并下达《劳动保障监察限期整改指令书》。请您保留考勤记录、工资条等证据，如有需要可到【地点】申请劳动仲裁。',
    },
  ],
  'huinong-zhengce': [
    {
      name: '补贴：发放时间与标准',
      text: '您好！【年度】耕地地力保护补贴标准为每亩【金额】元，由乡镇核实面积后通过“一卡通”直接发放，预计【日期】前到账。无需本人另行登记；如面积有变化，请到村委会核对。',
    },
  ],
  'luan-shoufei': [
    {
      name: '乱收费：已责令退还',
      text: '您好！经调查，【单位名称】收取的【费用名称】无收费依据，属违规收费。我局已责令其停止收费并退还已收取的费用，退还工作将于【日期】前完成，并对相关责任人作出处理。',
    },
  ],
  shebao: [
    {
      name: '社保：待遇与办理',
      text: '您好！关于【事项】，按照【政策依据】，【待遇标准或办理条件】。您可携带身份证、社保卡到【经办机构地址】办理，也可通过【线上渠道】办理。',
    },
  ],
  'zhufang-baozhang': [
    {
      name: '物业：已约谈整改',
      text: '您好！针对您反映的【小区名称】物业服务问题，我局已约谈物业服务企业，要求其于【日期】前完成【整改内容】，并将整改情况纳入企业信用评价。',
    },
  ],
  'huanjing-wuran': [
    {
      name: '污染：现场检查结果',
      text: '您好！我局执法人员于【日期】到【地点】进行了现场检查，【检查及监测结果】。已责令其【整改措施】，并将进行复查。',
    },
  ],
  yibao: [
    {
      name: '医保：报销政策',
      text: '您好！根据【政策依据】，【报销范围及比例】。异地就医请先通过【渠道】办理备案，备案后可直接结算。',
    },
  ],
};

export function templatesFor(categoryId: string): ReplyTemplate[] {
  return [...(BY_CATEGORY[categoryId] ?? []), ...GENERAL];
}

import { ROOT_UNIT_ID, childPath, type AnswerResult, type CaseType, type FileCaseRequest } from '@minsheng/shared';
import type { Official } from '../../functions/src/ports/officials';
import type { Category, Department, Unit } from '../../functions/src/ports/reference-data';
import { hashPassword } from '../../functions/src/lib/secrets';
import type { Deps } from '../../functions/src/services/deps';
import { fileCase } from '../../functions/src/services/cases/filing';
import { changeCase } from '../../functions/src/services/cases/change-case';

/**
 * The demo jurisdiction tree: a city (the root, its 12345 centre), two districts and a county, their
 * streets and townships, and a community and a village below (DESIGN.md "Jurisdiction").
 */
export const DEMO_UNITS: Unit[] = (
  [
    [ROOT_UNIT_ID, '兴辽市', 1, undefined],
    ['hexi', '河西区', 2, ROOT_UNIT_ID],
    ['beihu', '北湖区', 2, ROOT_UNIT_ID],
    ['qingshan', '青山县', 2, ROOT_UNIT_ID],
    ['hexi-xinhua', '新华街道', 3, 'hexi'],
    ['hexi-nanhu', '南湖街道', 3, 'hexi'],
    ['beihu-dongfeng', '东风街道', 3, 'beihu'],
    ['qs-chengnan', '城南镇', 3, 'qingshan'],
    ['qs-shuangmiao', '双庙乡', 3, 'qingshan'],
    ['qs-chengnan-xingfu', '幸福社区', 4, 'qs-chengnan'],
    ['qs-shuangmiao-liujia', '刘家村', 4, 'qs-shuangmiao'],
  ] as const
).reduce<Unit[]>((units, [id, name, level, parentId], i) => {
  const parent = units.find((u) => u.id === parentId);
  units.push({ id, name, level, ...(parentId ? { parentId } : {}), path: parent ? childPath(parent.path, id) : id, sortOrder: i + 1, active: true });
  return units;
}, []);

/**
 * Departments: the city's bureaus (at the root: the departments a 12345 / 民心网 platform dispatches to,
 * seeds 000–004) first, then the districts', the county's and the townships' own.
 */
export const DEMO_DEPARTMENTS: Department[] = [
  ['zjj', '住房和城乡建设局', ROOT_UNIT_ID],
  ['rsj', '人力资源和社会保障局', ROOT_UNIT_ID],
  ['nyncj', '农业农村局', ROOT_UNIT_ID],
  ['jyj', '教育局', ROOT_UNIT_ID],
  ['scjgj', '市场监督管理局', ROOT_UNIT_ID],
  ['sthjj', '生态环境局', ROOT_UNIT_ID],
  ['zrzyj', '自然资源局', ROOT_UNIT_ID],
  ['jtysj', '交通运输局', ROOT_UNIT_ID],
  ['ybj', '医疗保障局', ROOT_UNIT_ID],
  ['zwfwzx', '政务服务中心', ROOT_UNIT_ID],
  ['hexi-rsj', '河西区人力资源和社会保障局', 'hexi'],
  ['hexi-zjj', '河西区住房和城乡建设局', 'hexi'],
  ['beihu-scjgj', '北湖区市场监督管理局', 'beihu'],
  ['qs-rsj', '青山县人力资源和社会保障局', 'qingshan'],
  ['qs-nyncj', '青山县农业农村局', 'qingshan'],
  ['qs-jyj', '青山县教育局', 'qingshan'],
  ['hexi-xinhua-sqfw', '新华街道社区服务中心', 'hexi-xinhua'],
  ['qs-chengnan-zzb', '城南镇综治办', 'qs-chengnan'],
  ['qs-chengnan-sbs', '城南镇社会保障所', 'qs-chengnan'],
  ['qs-shuangmiao-nyb', '双庙乡农业服务中心', 'qs-shuangmiao'],
].map(([id, name, unitId], i) => ({ id: id!, name: name!, sortOrder: i + 1, active: true, unitId: unitId! }));

const ALL: CaseType[] = ['consultation', 'complaint', 'report', 'suggestion'];

/** Problem categories from the seeds' themes, each with the department it usually goes to. */
export const DEMO_CATEGORIES: Category[] = (
  [
    ['zhengdi-chaiqian', '征地拆迁', ['consultation', 'complaint', 'report'], 'zrzyj', '征地补偿、拆迁安置、宅基地'],
    ['tuoqian-gongzi', '拖欠农民工工资', ['consultation', 'complaint', 'report'], 'rsj', '工程项目欠薪、劳务费拖欠'],
    ['huinong-zhengce', '惠农政策落实', ALL, 'nyncj', '种粮补贴、农机购置补贴、低保与扶贫政策落实'],
    ['xuexiao-banqian', '学校搬迁', ['consultation', 'complaint', 'suggestion'], 'jyj', '学校撤并搬迁、就近入学、校车接送'],
    ['luan-shoufei', '乱收费', ['complaint', 'report'], 'scjgj', '违规收费、搭车收费、价格欺诈'],
    ['shebao', '社会保险', ['consultation', 'complaint'], 'rsj', '养老、失业、工伤保险的参保与待遇'],
    ['zhufang-baozhang', '住房保障与物业', ALL, 'zjj', '保障性住房、物业服务、房屋质量'],
    ['huanjing-wuran', '环境污染', ['complaint', 'report', 'suggestion'], 'sthjj', '噪声、油烟、废水废气、垃圾处理'],
    ['shipin-anquan', '食品药品安全', ['complaint', 'report'], 'scjgj', '过期变质食品、无证经营'],
    ['yibao', '医保报销', ['consultation', 'complaint'], 'ybj', '医保缴费、异地就医、报销比例'],
    ['daolu-jiaotong', '道路交通', ['complaint', 'suggestion'], 'jtysj', '道路破损、公交线路、农村客运'],
    ['zhengwu-fuwu', '政务服务效率', ['complaint', 'report', 'suggestion'], 'zwfwzx', '办事难、推诿扯皮、窗口服务态度'],
    ['qita', '其他', ALL, undefined, '以上类别都不符合时选择'],
  ] as const
).map(([id, name, types, defaultDepartmentId, description], i) => ({
  id,
  name,
  types: [...types],
  description,
  ...(defaultDepartmentId ? { defaultDepartmentId } : {}),
  sortOrder: i + 1,
  active: true,
}));

export async function seedReferenceData(deps: Deps): Promise<void> {
  for (const u of DEMO_UNITS) await deps.reference.putUnit(u);
  for (const d of DEMO_DEPARTMENTS) await deps.reference.putDepartment(d);
  for (const c of DEMO_CATEGORIES) await deps.reference.putCategory(c);
}

/** A few cases a citizen would file, so the platform is not empty on first start. */
/** How a demo case was taken up: accepted by an intake officer to a lead department (and assisting ones). */
interface DemoDispatch {
  by: string;
  departmentId: string;
  instructions?: string;
  assisting?: { departmentId: string }[];
}

const DEMO_CASES: {
  key: string;
  body: FileCaseRequest;
  answeredBy?: { departmentId: string; answer: string; result: AnswerResult };
  dispatched?: DemoDispatch;
  /** 来电登记 (issue #16): filed by this intake officer for a caller, through this desk channel. */
  onBehalf?: { by: string; channel: 'phone' | 'visit' | 'letter' | 'hotline' };
  /** Filed and answered this many days before the seeding (so an unrated answer is due for 回访). */
  daysAgo?: number;
}[] = [
  {
    key: 'demo-case-wages-0001',
    body: {
      type: 'complaint',
      categoryId: 'tuoqian-gongzi',
      title: '县城南安置小区工地拖欠农民工工资三个月',
      content: '我们一共 23 名工人在县城南安置小区 3 号楼工地干活，从 8 月到 10 月的工资一直没有发，包工头说开发商没拨款。快过年了，家里等着用钱，请帮忙协调解决。',
      contact: { name: '王师傅', phone: '13800138000' },
    },
  },
  {
    key: 'demo-case-subsidy-0002',
    body: {
      type: 'consultation',
      categoryId: 'huinong-zhengce',
      title: '今年的耕地地力保护补贴什么时候发放？',
      content: '我家承包了 12 亩地，去年的耕地地力保护补贴 10 月就到账了，今年到现在还没收到，想问一下发放时间和标准，需要本人去村里登记吗？',
      publishConsent: true,
    },
  },
  {
    key: 'demo-case-report-0003',
    body: {
      type: 'report',
      categoryId: 'luan-shoufei',
      title: '某镇中心学校违规收取资料费',
      content: '镇中心学校本学期要求每名学生交 180 元“资料费”，没有收据，也没有说明用途。',
      anonymous: true,
    },
  },
  {
    // Answered, with the citizen's consent: what 发布到问答库 in the console is for.
    key: 'demo-case-pension-0004',
    body: {
      type: 'consultation',
      categoryId: 'shebao',
      title: '在县城打零工，怎么交养老保险？',
      content: '我叫陈秀英，电话 13700002222，住在城南街道幸福小区5号楼1单元302室，在县城打零工没有单位，想问灵活就业人员怎么参加养老保险，每月最少交多少钱？',
      contact: { name: '陈秀英', phone: '13700002222' },
      location: { text: '城南街道幸福小区' },
      publishConsent: true,
    },
    answeredBy: {
      departmentId: 'rsj',
      result: 'explained',
      answer:
        '陈秀英您好：灵活就业人员可持身份证到县政务服务中心社保窗口，或在“辽事通”上办理城镇职工基本养老保险参保登记。缴费基数可在上年度全省全口径城镇单位就业人员平均工资的60%至300%之间自选，费率20%，按月、按季或按年缴纳均可。详询12333。',
    },
  },
  // Cases at each level of the tree (issue #15): waiting at a township's desk, dispatched by a county with an
  // assisting department, waiting at a street's desk in a district.
  {
    key: 'demo-case-township-0005',
    body: {
      type: 'complaint',
      categoryId: 'shebao',
      title: '养老金资格认证后两个月仍未到账',
      content: '我父亲在幸福社区居住，9 月份已经在社区完成了养老金资格认证，但 10 月、11 月的养老金都没有到账，去镇社保所问说要等县里处理。',
      contact: { name: '赵丽', phone: '13600006666' },
      location: { text: '城南镇幸福社区 3 组', unitId: 'qs-chengnan-xingfu' },
    },
  },
  {
    key: 'demo-case-county-0006',
    body: {
      type: 'consultation',
      categoryId: 'huinong-zhengce',
      title: '土地流转后还能领耕地地力保护补贴吗？',
      content: '我家 8 亩地今年流转给了村里的合作社种植，想问耕地地力保护补贴是发给我还是发给合作社？需要去哪里办理变更？',
      location: { text: '双庙乡刘家村', unitId: 'qingshan' },
      publishConsent: true,
    },
    dispatched: { by: 'qs-shouli', departmentId: 'qs-nyncj', instructions: '请会同双庙乡农业服务中心核实该户流转合同', assisting: [{ departmentId: 'qs-shuangmiao-nyb' }] },
  },
  {
    key: 'demo-case-district-0007',
    body: {
      type: 'complaint',
      categoryId: 'zhufang-baozhang',
      title: '小区电梯停运半个月无人维修',
      content: '新华街道光明小区 6 号楼电梯停运半个月，物业说维修资金申请还没批下来，楼里有很多老人上下楼非常困难。',
      contact: { name: '孙先生', phone: '13500007777' },
      location: { text: '光明小区 6 号楼', unitId: 'hexi-xinhua' },
    },
  },
  // 来电登记 and 回访 (issue #16): a phone call registered by the city's intake, answered 4 days ago and not
  // rated — it waits in the 回访 queue.
  {
    key: 'demo-case-phone-0008',
    body: {
      type: 'complaint',
      categoryId: 'tuoqian-gongzi',
      title: '来电反映装修公司拖欠工人工资',
      content: '来电人反映在城区一家装修公司做木工，公司拖欠 3 名工人两个月工资共 2.4 万元，多次讨要未果。',
      contact: { name: '周师傅', phone: '13400008888' },
      smsOptIn: false,
    },
    onBehalf: { by: 'shouli', channel: 'phone' },
    daysAgo: 4,
    answeredBy: { departmentId: 'rsj', result: 'resolved', answer: '周师傅您好：劳动保障监察大队已约谈该装修公司，公司承诺本月 20 日前付清拖欠工资，逾期将依法立案查处。' },
  },
];

export interface DemoCredential {
  caseNo: string;
  password: string;
  title: string;
}

/** File the demo cases (idempotently: their keys make a rerun return the same cases). */
export async function seedDemoCases(deps: Deps): Promise<DemoCredential[]> {
  const out: DemoCredential[] = [];
  const client = { userAgent: 'minsheng-demo-seed' };
  for (const { key, body, answeredBy, dispatched, onBehalf, daysAgo } of DEMO_CASES) {
    // A case seeded in the past is filed and answered on a clock moved back (an hour between the steps).
    const at = daysAgo ? Date.now() - daysAgo * 24 * 60 * 60 * 1000 : undefined;
    const stepDeps = (hours: number): Deps => (at ? { ...deps, now: () => new Date(at + hours * 60 * 60 * 1000) } : deps);
    const { response } = await fileCase(stepDeps(0), body, key, client, onBehalf ? { channel: onBehalf.channel, official: { role: 'intake', id: onBehalf.by } } : undefined);
    // Answered by the demo intake officer and department (once: a rerun finds it past 待受理).
    const waiting = (await deps.cases.getCase(response.caseNo))?.status === 'submitted';
    if (dispatched && waiting) {
      const { by, departmentId, instructions, assisting } = dispatched;
      await changeCase(deps, response.caseNo, { action: 'accept', departmentId, ...(instructions ? { instructions } : {}), ...(assisting ? { assisting } : {}) }, { role: 'intake', id: by }, client);
    }
    if (answeredBy && waiting) {
      await changeCase(stepDeps(1), response.caseNo, { action: 'accept', departmentId: answeredBy.departmentId }, { role: 'intake', id: 'shouli' }, client);
      const handler = { role: 'handler' as const, id: answeredBy.departmentId, departmentId: answeredBy.departmentId };
      await changeCase(stepDeps(2), response.caseNo, { action: 'reply', result: answeredBy.result, answer: answeredBy.answer }, handler, client);
    }
    out.push({ caseNo: response.caseNo, password: response.password, title: body.title });
  }
  return out;
}

/** The demo accounts' shared password (local stack only). */
export const DEMO_OFFICIAL_PASSWORD = 'minsheng-demo';

/**
 * Demo accounts: an intake officer and a supervisor at the city, at each district and county and at a
 * township, the admin, and a handler in each department (login = the department's id).
 */
export const DEMO_OFFICIALS: Pick<Official, 'username' | 'displayName' | 'role' | 'departmentId' | 'unitId'>[] = [
  { username: 'shouli', displayName: '张敏（市受理员）', role: 'intake' },
  { username: 'duban', displayName: '赵强（市督办）', role: 'supervisor' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'hexi-shouli', displayName: '孙丽（河西区受理员）', role: 'intake', unitId: 'hexi' },
  { username: 'hexi-duban', displayName: '钱军（河西区督办）', role: 'supervisor', unitId: 'hexi' },
  { username: 'beihu-shouli', displayName: '周洁（北湖区受理员）', role: 'intake', unitId: 'beihu' },
  { username: 'qs-shouli', displayName: '李娜（青山县受理员）', role: 'intake', unitId: 'qingshan' },
  { username: 'qs-duban', displayName: '王刚（青山县督办）', role: 'supervisor', unitId: 'qingshan' },
  { username: 'cn-shouli', displayName: '刘芳（城南镇受理员）', role: 'intake', unitId: 'qs-chengnan' },
  { username: 'xinhua-shouli', displayName: '陈静（新华街道受理员）', role: 'intake', unitId: 'hexi-xinhua' },
  ...DEMO_DEPARTMENTS.map((d) => ({ username: d.id, displayName: `${d.name}承办人`, role: 'handler' as const, departmentId: d.id })),
];

/** Create the demo officials that do not exist yet (existing ones, and their passwords, are left alone). */
export async function seedDemoOfficials(deps: Deps): Promise<void> {
  const passwordHash = await hashPassword(DEMO_OFFICIAL_PASSWORD);
  const at = deps.now().toISOString();
  for (const o of DEMO_OFFICIALS) {
    await deps.officials.createOfficial({ ...o, passwordHash, disabled: false, tokenVersion: 1, createdAt: at, updatedAt: at });
  }
}

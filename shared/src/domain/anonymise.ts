/**
 * Anonymisation of answered consultations before they are published in the library. Removes the
 * citizen's own details (name, phone, address from the case's contact and location, and the case
 * number) wherever they appear, and anything that looks like a phone number, an ID number, an
 * e-mail address, a street address or a self-introduced name. The official sees the result as a
 * preview, may edit it, and the edited text is anonymised again (every rule but the name guesses,
 * which the official may correct) before it is stored, so pasting a detail back cannot publish it.
 */
import type { RedactionCounts } from '../api/library-schemas';

/** The details of the person behind a case that must never be published. */
export interface PersonalDetails {
  names?: (string | undefined)[];
  phones?: (string | undefined)[];
  addresses?: (string | undefined)[];
  /** Other identifying strings, e.g. the case number (it is also the citizen's login). */
  others?: (string | undefined)[];
}

/**
 * `citizen`: text the citizen wrote (question) — every rule, including landlines, long numbers and
 * street addresses. `official`: text a department wrote (answer) — the citizen's own details,
 * mobiles, ID numbers, e-mails and names with a form of address; an office landline or a
 * document number stays.
 */
export type TextSource = 'citizen' | 'official';

/** What stands in for each kind of detail taken out. */
export const REDACTED = {
  name: '某某',
  phone: '[电话已隐去]',
  idNumber: '[身份证号已隐去]',
  address: '[地址已隐去]',
  email: '[邮箱已隐去]',
  other: '[已隐去]',
} as const;

/** Nothing taken out yet. */
export function emptyRedactions(): RedactionCounts {
  return { name: 0, phone: 0, idNumber: 0, address: 0, email: 0, other: 0 };
}

/** The sum of two counts (a preview's title, question and answer). */
export function addRedactions(a: RedactionCounts, b: RedactionCounts): RedactionCounts {
  return {
    name: a.name + b.name,
    phone: a.phone + b.phone,
    idNumber: a.idNumber + b.idNumber,
    address: a.address + b.address,
    email: a.email + b.email,
    other: a.other + b.other,
  };
}

// Digits as typed on a phone: ASCII or full-width.
const D = '[0-9０-９]';
const SEP = '[\\s\\-－]?';
// A number ends where no further digit follows, not even after a space or dash (6222 0212 3456 …).
const START = `(?<!${D}${SEP})`;
const END = `(?!${SEP}${D})`;

// Common surnames (single and compound) a self-introduced name or a form of address starts with;
// surnames that are also everyday words (和, 于, 向, 高, 农, 文 …) are left out to avoid misfires.
const SURNAMES =
  '欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|尉迟|长孙|宇文|司徒|夏侯|' +
  '王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|何|罗|郑|梁|谢|宋|唐|许|韩|冯|邓|曹|彭|曾|肖|萧|田|董|袁|潘|蒋|蔡|杜|叶|苏|魏|吕|丁|沈|姚|卢|姜|崔|钟|谭|陆|汪|范|石|廖|贾|夏|韦|傅|邹|孟|熊|秦|邱|江|尹|薛|闫|阎|段|雷|侯|龙|陶|黎|贺|毛|郝|龚|邵|严|覃|武|戴|莫|孔|汤|温|牛|樊|葛|邢|乔|伍|庞|颜|倪|聂|章|鲁|岳|翟|殷|詹|欧|耿|焦|俞|柳|祝|符|舒|阮|柯|梅|凌|季|裴|霍|涂|苗|盛|翁|冉|骆|蓝|辛|靳|柴|鲍|喻|祁|蒲|滕|屈|饶|牟|艾|缪|褚|娄|窦|戚|岑|瞿|佟|臧|闵|邬|卞|姬|栾|隋|刁|巫|寇|甄|虞|敖|巩|佘|邝';
// Characters that end a name rather than continue it ("我叫王强今年五十岁").
const NOT_IN_NAME = '的在是今年住家从和说了与及到向现村镇乡县市区组号也都还就又被给把没不们等欠拖';
const GIVEN = `(?:(?![${NOT_IN_NAME}])[\\u4e00-\\u9fa5])`;
// Up to 14 characters of a place name before its kind (…幸福小区), stopping at punctuation and little words.
const PLACE_PREFIX = `[^\\s，。、；：！？,.;:!?（）()“”"'《》\\[\\]在住是的了和与及到从向往我他她近]{0,14}`;
// House, building, unit and room numbers: 3号楼2单元501室, 三组, 12栋.
const HOUSE_NUMBERS = `(?:[0-9０-９一二三四五六七八九十百零〇两]+\\s*(?:号楼|号院|号|栋|幢|座|单元|层|楼|室|户|组|排|门|期)[\\s\\-－]*)+(?:[0-9０-９]+室?)?`;
// A digit as a Chinese numeral (幺 and 两 as people say them on the phone).
const CN_DIGIT = '[零〇一二三四五六七八九幺两]';
const CN_DIGITS = ['[零〇]', '[一幺]', '[二两]', '三', '四', '五', '六', '七', '八', '九'];
const FORMS_OF_ADDRESS = '师傅|先生|女士|小姐|大爷|大妈|大娘|大叔|阿姨|大姐|大哥|老师|同志|老板|经理|主任|书记|村长|组长';

type Rule = { kind: keyof RedactionCounts; re: RegExp; replace?: (m: string, ...groups: string[]) => string };

interface Rules {
  strongCommon: Rule[];
  strongCitizen: Rule[];
  nameGuessesCitizen: Rule[];
  nameGuessesCommon: Rule[];
}

let compiled: Rules | undefined;

/**
 * The rules, compiled on first use rather than at import: the mini-program imports shared/ too,
 * and an engine without look-behind support must not fail merely by loading this module.
 */
function rules(): Rules {
  return (compiled ??= {
    /** Always applied, also to the official's edited text: these are never legitimate in a published item. */
    strongCommon: [
      // 18-digit resident ID number (last may be X).
      { kind: 'idNumber', re: new RegExp(`${START}${D}{6}${SEP}${D}{8}${SEP}${D}{3}[0-9０-９Xx]${END}`, 'g') },
      // Mainland mobile, also typed in groups: 138 0013 8000, 138-0013-8000, +86 13800138000.
      { kind: 'phone', re: new RegExp(`(?:\\+?86${SEP})?${START}1[3-9３-９]${D}(?:${SEP}${D}){8}${END}`, 'g') },
      { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
      // A mobile number written in Chinese numerals: 一三九一二三四五六七八.
      { kind: 'phone', re: new RegExp(`[一幺]${CN_DIGIT}{10}(?!${CN_DIGIT})`, 'g') },
      // A WeChat or QQ id given as such.
      { kind: 'other', re: /(微信号?|VX|vx|QQ号?|qq号?)\s*[:：]?\s*[A-Za-z0-9][-_A-Za-z0-9]{4,19}/g, replace: (_m, label) => `${label}${REDACTED.other}` },
      // A vehicle licence plate: 辽A·12345, 京N12345, 粤B D12345.
      { kind: 'other', re: /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·・\s]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])/g },
      // What is left of an address already taken out: "[地址已隐去]3号楼2单元501室".
      { kind: 'address', re: new RegExp(`${escapeRegExp(REDACTED.address)}\\s*${HOUSE_NUMBERS}`, 'g'), replace: () => REDACTED.address },
      // A home address, in anyone's text: a residential place word followed by building/unit/room numbers.
      {
        kind: 'address',
        re: new RegExp(`${PLACE_PREFIX}(?:小区|花园|公寓|宿舍|新村|家园|苑|村|屯)\\s*${HOUSE_NUMBERS}`, 'g'),
      },
    ],

    /** Always applied to what the citizen wrote. */
    strongCitizen: [
      // Landline with area code: 0411-12345678, (024)2345678, 024 2345 6789.
      { kind: 'phone', re: new RegExp(`${START}[（(]?0${D}{2,3}[）)]?${SEP}${D}{3,4}${SEP}${D}{4}${END}`, 'g') },
      // Any other long number (bank card, old ID, case number, QQ…): 7+ digits, possibly grouped.
      { kind: 'other', re: new RegExp(`${START}${D}(?:${SEP}${D}){6,}${END}`, 'g') },
      // A street address: a place word followed by house/unit numbers (…小区3号楼2单元501室, …村三组).
      {
        kind: 'address',
        re: new RegExp(`${PLACE_PREFIX}(?:路|街|巷|弄|大道|胡同|村|屯|社区|小区|花园|公寓|大厦|广场|苑|园|庄|家园|新村|新城|宿舍|里)\\s*${HOUSE_NUMBERS}`, 'g'),
      },
    ],

    /**
     * Names are guessed from context, which can misfire ("我是高中生"): applied when the preview is made,
     * where the official sees and may correct them, not again to the text the official sends back.
     */
    nameGuessesCitizen: [
      // A self-introduced name, or someone named by their relation: 我叫王建国, 本人李秀兰, 姓名：张三, 工友刘强, 我儿子王小明.
      {
        kind: 'name',
        re: new RegExp(
          `(我叫|我是|本人|姓名[:：]?|联系人[:：]?|名字叫|名叫|户主[:：]?|申请人[:：]?|工友|同事|邻居|老乡|朋友|丈夫|妻子|老婆|老公|爱人|儿子|女儿|父亲|母亲|爸爸|妈妈|哥哥|姐姐|弟弟|妹妹|亲戚|村民|家属|包工头|工头|老板|经理|负责人|班长|队长|会计|房东|业主|主任|村长|组长|书记)\\s*(?:${SURNAMES})(?!某)(?!${FORMS_OF_ADDRESS})${GIVEN}{1,2}`,
          'g',
        ),
        replace: (_m, intro) => `${intro}${REDACTED.name}`,
      },
    ],

    nameGuessesCommon: [
      // 王师傅, 李女士, 张大爷 → 某师傅 …
      { kind: 'name', re: new RegExp(`(?:${SURNAMES})(${FORMS_OF_ADDRESS})`, 'g'), replace: (_m, form) => `某${form}` },
    ],
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A known phone number wherever it appears, however its digits are grouped. */
function phoneRegExp(phone: string): RegExp | undefined {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 5) return undefined;
  // Each digit as typed (ASCII, full-width) or said (一三九…).
  const body = [...digits].map((d) => `(?:[${d}${String.fromCharCode(0xff10 + Number(d))}]|${CN_DIGITS[Number(d)]})`).join(`${SEP}`);
  return new RegExp(`(?<!${D})${body}(?!${D})`, 'g');
}

/**
 * Ranges of `text` that repeat a run of at least `min` characters of `detail` (an address the
 * citizen gave may appear in part: "幸福小区3号楼" out of "沈阳市和平区幸福小区3号楼2单元").
 */
function sharedRuns(text: string, detail: string, min: number): [number, number][] {
  const a = [...text];
  const b = [...detail.replace(/\s+/g, '')];
  if (a.length === 0 || b.length === 0) return [];
  const runs: [number, number][] = [];
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  const bestEnd = new Uint16Array(a.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : 0;
      if (cur[j]! > bestEnd[i]!) bestEnd[i] = cur[j]!;
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  // A run ending at i of length L covers code points [i-L, i).
  for (let i = 1; i <= a.length; i++) {
    const len = bestEnd[i]!;
    if (len >= min && (i === a.length || bestEnd[i + 1]! !== len + 1)) runs.push([i - len, i]);
  }
  // Back from code points to string offsets.
  const offsets: number[] = [];
  let o = 0;
  for (const ch of a) {
    offsets.push(o);
    o += ch.length;
  }
  offsets.push(o);
  return runs.map(([s, e]) => [offsets[s]!, offsets[e]!]);
}

function replaceRanges(text: string, ranges: [number, number][], placeholder: string): { text: string; count: number } {
  if (ranges.length === 0) return { text, count: 0 };
  const merged = [...ranges].sort((x, y) => x[0] - y[0]).reduce<[number, number][]>((acc, r) => {
    const last = acc[acc.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else acc.push([r[0], r[1]]);
    return acc;
  }, []);
  let out = '';
  let at = 0;
  for (const [s, e] of merged) {
    out += text.slice(at, s) + placeholder;
    at = e;
  }
  return { text: out + text.slice(at), count: merged.length };
}

const clean = (values: (string | undefined)[] | undefined) =>
  [...new Set((values ?? []).map((v) => v?.trim() ?? '').filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);

export interface AnonymiseOptions {
  source: TextSource;
  /**
   * Also guess names from context (我叫…, 王师傅). On for the preview; off for the text the official
   * sends back, so an official can correct a misfire — the person's own name is removed either way.
   */
  guessNames: boolean;
}

/**
 * `text` with the person's details and anything personal-looking replaced by placeholders, what was
 * taken out, and the names guessed from context (so the other texts of the same case can drop them
 * too: a child named in the question must not reappear in the answer).
 */
export function anonymiseText(text: string, details: PersonalDetails, options: AnonymiseOptions): { text: string; redactions: RedactionCounts; names: string[] } {
  const redactions = emptyRedactions();
  const guessed: string[] = [];
  let out = text;
  const apply = (kind: keyof RedactionCounts, re: RegExp, replace?: (m: string, ...groups: string[]) => string) => {
    out = out.replace(re, (m: string, ...rest: unknown[]) => {
      redactions[kind]++;
      return replace ? replace(m, ...(rest as string[])) : REDACTED[kind];
    });
  };
  const citizen = options.source === 'citizen';

  // The person's own details first, longest first, wherever they appear.
  for (const phone of clean(details.phones)) {
    const re = phoneRegExp(phone);
    if (re) apply('phone', re);
  }
  for (const other of clean(details.others)) apply('other', new RegExp(escapeRegExp(other), 'g'));
  for (const address of clean(details.addresses)) {
    apply('address', new RegExp(escapeRegExp(address), 'g'));
    if (citizen) {
      // Parts of it (6+ characters in common), e.g. the estate and building without the city.
      const { text: t, count } = replaceRanges(out, sharedRuns(out, address, 6), REDACTED.address);
      out = t;
      redactions.address += count;
    }
  }
  // A three-character name's given name on its own is as identifying (建国 out of 李建国).
  const names = clean(details.names).flatMap((n) => ([...n].length === 3 ? [n, [...n].slice(1).join('')] : [n]));
  for (const name of names) apply('name', new RegExp(escapeRegExp(name), 'g'), () => REDACTED.name);

  const { strongCommon, strongCitizen, nameGuessesCitizen, nameGuessesCommon } = rules();
  for (const rule of strongCommon) apply(rule.kind, rule.re, rule.replace);
  if (citizen) for (const rule of strongCitizen) apply(rule.kind, rule.re, rule.replace);
  if (options.guessNames) {
    if (citizen) {
      for (const rule of nameGuessesCitizen) {
        apply(rule.kind, rule.re, (m, intro) => {
          const name = m.slice(intro!.length).trim();
          if (name) guessed.push(name);
          return rule.replace!(m, intro!);
        });
      }
    }
    for (const rule of nameGuessesCommon) apply(rule.kind, rule.re, rule.replace);
  }
  return { text: out, redactions, names: [...new Set(guessed)] };
}

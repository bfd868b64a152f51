import { describe, expect, it } from 'vitest';
import { REDACTED, anonymiseText, type PersonalDetails } from '../src/domain/anonymise';

const details: PersonalDetails = {
  names: ['王建国'],
  phones: ['13800138000'],
  addresses: ['沈阳市和平区幸福小区3号楼2单元501室'],
  others: ['20261121072616'],
};
const preview = (text: string, source: 'citizen' | 'official' = 'citizen') => anonymiseText(text, details, { source, guessNames: true });
const resend = (text: string, source: 'citizen' | 'official' = 'citizen') => anonymiseText(text, details, { source, guessNames: false });

describe('anonymising a consultation for the library', () => {
  it("removes the citizen's own name, phone (however grouped), address (also in part) and case number", () => {
    const { text, redactions } = preview(
      '我是王建国，电话 138 0013 8000 或 138-0013-8000，住幸福小区3号楼2单元501室，案件号20261121072616，请尽快回复王建国。',
    );
    for (const s of ['王建国', '13800138000', '138 0013 8000', '138-0013-8000', '幸福小区3号楼', '501', '20261121072616']) expect(text).not.toContain(s);
    expect(redactions.name).toBeGreaterThanOrEqual(2);
    expect(redactions.phone).toBe(2);
    expect(redactions.address).toBeGreaterThanOrEqual(1);
  });

  it('removes anything that looks like a phone, ID number, e-mail or street address in what the citizen wrote', () => {
    const input =
      '我的身份证号是21010219800101123X，邻居电话13912345678，座机(024)2345-6789，邮箱 wang.jg@example.com，' +
      '银行卡 6222 0212 3456 7890 123，我们住在王家村三组，工地在县城南安置小区 3 号楼。';
    const { text, redactions } = preview(input);
    for (const s of ['21010219800101123X', '13912345678', '2345-6789', 'wang.jg@example.com', '6222', '三组', '3 号楼']) expect(text).not.toContain(s);
    expect(redactions).toMatchObject({ idNumber: 1, phone: 2, email: 1, other: 1 });
    expect(redactions.address).toBe(2);
    expect(text).toContain(REDACTED.idNumber);
    expect(text).toContain(REDACTED.address);
  });

  it('guesses self-introduced names and forms of address for the preview, without eating ordinary words', () => {
    const { text } = preview('我叫李秀兰，今年五十岁。包工头张师傅说开发商没拨款，工友刘强和我儿子王小明都没拿到钱，我是李家村的，孩子是高中生。');
    for (const name of ['李秀兰', '刘强', '王小明']) expect(text).not.toContain(name);
    expect(text).not.toContain('张师傅');
    expect(text).toContain('我叫某某');
    expect(text).toContain('某师傅');
    expect(text).toContain('我是李家村的');
    expect(text).toContain('高中生');
  });

  it("keeps what an answer needs: amounts, dates, document numbers, hotlines and the office's landline", () => {
    const answer = '王建国同志：您好！2025年补贴标准为每亩118元，9月30日前发放，依据民安农发〔2025〕21号。咨询电话0411-12345678或12333。';
    const { text } = preview(answer, 'official');
    expect(text).not.toContain('王建国');
    for (const s of ['每亩118元', '9月30日', '民安农发〔2025〕21号', '0411-12345678', '12333']) expect(text).toContain(s);
  });

  it("applies the firm rules again to the official's edited text, so a detail pasted back never gets out", () => {
    const edited = '联系人王建国，手机13800138000，身份证21010219800101123X，地址沈阳市和平区幸福小区3号楼2单元501室。';
    const { text } = resend(edited);
    for (const s of ['王建国', '13800138000', '21010219800101123X', '幸福小区3号楼']) expect(text).not.toContain(s);
    // Guesses are the official's to correct: a name the official chose to keep stays (it is not the citizen's).
    expect(resend('请联系张师傅。').text).toBe('请联系张师傅。');
  });

  it('what a fresh-eyes review got through: building and room after the own place, given name alone, numbers in Chinese, WeChat id, plate, third parties', () => {
    const details: PersonalDetails = { names: ['李建国'], phones: ['13912345678'], addresses: ['城南街道幸福小区'], others: ['20261121123456'] };
    const question = anonymiseText(
      '我叫李建国，电话一三九一二三四五六七八，住在城南街道幸福小区3号楼2单元501室。建国这个名字村里都知道。包工头王大军拖欠工资两万元，工友张三也没拿到钱，我女儿王丽丽也在那干过。微信号 lijg_1980，车牌辽A·12345。',
      details,
      { source: 'citizen', guessNames: true },
    );
    for (const leak of ['李建国', '建国', '一三九', '3号楼', '501室', '王大军', '张三', '王丽丽', 'lijg_1980', '12345']) expect(question.text).not.toContain(leak);
    // The word after a guessed name is kept.
    expect(question.text).toContain(`工友${REDACTED.name}也没拿到钱`);
    expect(question.names).toEqual(expect.arrayContaining(['王大军', '张三', '王丽丽']));

    // The department's answer: the child named in the question, and the citizen's own building.
    const answer = anonymiseText(
      '李先生您好：您女儿王丽丽的工资也一并追讨。请到幸福小区3号楼物业处领取通知，或拨打12333咨询，人社局电话024-23456789。',
      { ...details, names: [...details.names!, ...question.names] },
      { source: 'official', guessNames: true },
    );
    for (const leak of ['王丽丽', '3号楼']) expect(answer.text).not.toContain(leak);
    // What an answer needs stays: the hotline and the office landline.
    expect(answer.text).toContain('12333');
    expect(answer.text).toContain('024-23456789');
  });

  it('is stable: anonymising the preview again changes nothing', () => {
    const once = preview('我叫王建国，电话13800138000，住幸福小区3号楼2单元501室，身份证21010219800101123X。').text;
    expect(resend(once).text).toBe(once);
    expect(preview(once).text).toBe(once);
  });

  it('handles full-width digits and text without any personal data', () => {
    expect(preview('电话１３９１２３４５６７８').text).not.toContain('１３９１２３４５６７８');
    const plain = '今年的耕地地力保护补贴什么时候发放？';
    expect(preview(plain)).toEqual({ text: plain, redactions: { name: 0, phone: 0, idNumber: 0, address: 0, email: 0, other: 0 }, names: [] });
  });
});

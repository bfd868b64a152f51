/**
 * Issue #17 (filing, tracking login, credentials): the pure parts — what is checked before a login
 * is sent, the lockout words, how a saved draft opens, where a refused form scrolls, and the
 * credentials picture's layout and QR code.
 */
import { describe, expect, it, vi } from 'vitest';
import { caseLockedMessage, CITIZEN_LOCK_RULE, CITIZEN_LOGIN_LIMITS, normalizeCaseNo } from '@minsheng/shared';
import { LOGIN_LIMITS } from '../../functions/src/services/citizen/login';
import { EMPTY_DRAFT, type Draft } from '../src/features/cases/device';
import { draftHasContent, emptyDraft, firstInvalidField, openDraft, validateDraft } from '../src/features/cases/filing';
import { checkLogin } from '../src/features/cases/login';
import { CREDENTIAL_IMAGE, credentialLayout, qrModules, trackingAddress, wrapText, type Measure } from '../src/features/cases/credential-image';
import type { RememberedCase } from '../src/features/cases/types';

vi.mock('@tarojs/taro', () => ({ default: {} }));

describe('the track page checks a case number and password before anything is sent', () => {
  it('accepts 14 digits typed with spaces or dashes, as groupCaseNo shows them, and a password in lower case with a space', () => {
    expect(checkLogin('20261202 405284', 'b68d wrme')).toBeUndefined();
    expect(checkLogin('2026-1202-4052-84', 'B68D-WRME')).toBeUndefined();
    expect(normalizeCaseNo(' 20261202-405284 ')).toBe('20261202405284');
  });

  it('refuses a case number of the wrong length or with letters, saying what is wrong', () => {
    expect(checkLogin('2026120240528', 'B68DWRME')?.caseNo).toBe('案件编号是 14 位数字，您输入了 13 位，请核对');
    expect(checkLogin('202612024052845', 'B68DWRME')?.caseNo).toMatch(/14 位数字.*15 位/);
    expect(checkLogin('2026120240528A', 'B68DWRME')?.caseNo).toBe('案件编号只有数字，请核对');
    expect(checkLogin('', 'B68DWRME')?.caseNo).toBe('请输入案件编号');
  });

  it('refuses a password of the wrong length or with characters a password never has (0, O, 1, I, L)', () => {
    expect(checkLogin('20261202405284', 'B68DWRM')?.password).toMatch(/8 位字母和数字.*7 位/);
    expect(checkLogin('20261202405284', 'B68DWRM0')?.password).toMatch(/没有 0、1、I、L、O/);
    expect(checkLogin('20261202405284', '')?.password).toBe('请输入查询密码');
  });
});

describe('the lockout: one rule, said the same way by the server and the track page', () => {
  it('the server counts with the shared limits', () => {
    expect(LOGIN_LIMITS.perCaseNo).toBe(CITIZEN_LOGIN_LIMITS.perCaseNo);
    expect(LOGIN_LIMITS.windowMs).toBe(CITIZEN_LOGIN_LIMITS.windowMinutes * 60_000);
  });

  it('the note names the same tries and window, and says the lock lasts until the window ends (not always 15 minutes)', () => {
    expect(CITIZEN_LOCK_RULE).toContain(`${CITIZEN_LOGIN_LIMITS.windowMinutes} 分钟内输错 ${CITIZEN_LOGIN_LIMITS.perCaseNo} 次`);
    expect(CITIZEN_LOCK_RULE).toContain(`最长 ${CITIZEN_LOGIN_LIMITS.windowMinutes} 分钟`);
    expect(CITIZEN_LOCK_RULE).not.toMatch(/锁定 \d+ 分钟/);
  });

  it('the error says the time remaining as time remaining', () => {
    expect(caseLockedMessage(4)).toBe('该案件编号的密码错误次数过多，已锁定，约 4 分钟后可再试');
  });
});

const written = (patch: Partial<Draft>): Draft => ({ ...EMPTY_DRAFT, savedAt: '2026-12-02T02:30:00.000Z', ...patch });

describe('a saved draft on a shared phone', () => {
  it('a draft with something written opens with the restore notice, naming its type and time', () => {
    const saved = written({ type: 'suggestion', title: '公园里多放几张长椅' });
    expect(openDraft(saved, { type: 'suggestion', link: 'home-1' })).toMatchObject({ kind: 'restored', savedType: 'suggestion', savedAt: '2026-12-02T02:30:00.000Z', draft: { title: '公园里多放几张长椅' } });
  });

  it('an anonymous report is never shown as the form of someone who tapped another type: they are asked first', () => {
    const report = written({ type: 'report', anonymous: true, content: '某单位负责人收受礼金' });
    const opened = openDraft(report, { type: 'suggestion', link: 'home-2' });
    expect(opened.kind).toBe('conflict');
    expect(opened).toMatchObject({ wanted: 'suggestion', saved: { type: 'report' } });
    expect('draft' in opened).toBe(false);
  });

  it('the same link seen again (a reload) is no new tap: the draft is restored as it was', () => {
    const report = written({ type: 'report', content: '某单位负责人收受礼金', link: 'home-2' });
    expect(openDraft(report, { type: 'suggestion', link: 'home-2' })).toMatchObject({ kind: 'restored', draft: { type: 'report' } });
  });

  it('a draft with nothing written (a type chosen, no text) opens quietly as the tapped type', () => {
    expect(openDraft({ ...EMPTY_DRAFT, type: 'report' }, { type: 'complaint', link: 'x' })).toMatchObject({ kind: 'fresh', draft: { type: 'complaint' } });
    expect(draftHasContent({ ...EMPTY_DRAFT, type: 'report', categoryId: 'a' })).toBe(false);
    expect(draftHasContent({ ...EMPTY_DRAFT, uploads: [{ uploadId: 'u1' }] })).toBe(true);
  });

  it('清空 leaves nothing of the old draft, not its photos either', () => {
    const cleared = emptyDraft({ type: 'complaint', link: 'home-3' });
    expect(cleared).toEqual({ ...EMPTY_DRAFT, type: 'complaint', link: 'home-3' });
    expect(cleared.uploads).toBeUndefined();
    expect(draftHasContent(cleared)).toBe(false);
  });
});

describe('a refused form goes to its first error', () => {
  it('the first invalid field is the first in page order, whatever order the errors came in', () => {
    const checked = validateDraft({ ...EMPTY_DRAFT });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(firstInvalidField(checked.fields)).toBe('type');
    expect(firstInvalidField({ 'contact.phone': 'x', content: 'y', title: 'z' })).toBe('title');
    expect(firstInvalidField({})).toBeUndefined();
  });
});

const CASE: RememberedCase = {
  caseNo: '20261202405284',
  password: 'B68DWRME',
  title: '小区门口的道路破损严重，雨天积水，老人和孩子出行很不方便，希望尽快修复',
  type: 'complaint',
  filedAt: '2026-12-02T02:00:00.000Z',
  dueAt: '2026-12-16T15:59:59.000Z',
};

/** A generous measure: a Chinese character is as wide as the font size, anything else 0.62 of it. */
const measure: Measure = (text, font) => {
  const px = Number(/(\d+)px/.exec(font)?.[1]);
  return [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? px : px * 0.62), 0);
};

describe('the credentials picture', () => {
  const site = 'https://minsheng.example.gov.cn/';
  const layout = credentialLayout(CASE, site, measure);
  const inside = CREDENTIAL_IMAGE.width - 2 * CREDENTIAL_IMAGE.margin;

  it('no line is wider than the picture inside its margins (答复期限 and the warning included)', () => {
    for (const line of layout.lines) expect(line.width, line.text).toBeLessThanOrEqual(inside);
    for (const line of layout.lines) expect(line.x).toBe(CREDENTIAL_IMAGE.margin);
    const all = layout.lines.map((l) => l.text).join('');
    expect(all).toContain('答复期限：2026年12月16日');
    expect(all).toContain('请妥善保管，不要告诉他人。凭编号和密码查询办理进度。');
    expect(all.replace(/\s/g, '')).toContain(CASE.title);
  });

  it('the case number and the password each stay on one line', () => {
    expect(layout.lines.filter((l) => l.text === '20261202\u00a0405284')).toHaveLength(1);
    expect(layout.lines.filter((l) => l.text === 'B68D\u00a0WRME')).toHaveLength(1);
  });

  it('the QR code holds the tracking page with the case number, never the password, and fits the picture', () => {
    expect(layout.qr.text).toBe('https://minsheng.example.gov.cn/#/pages/track/index?caseNo=20261202405284');
    expect(layout.qr.text).not.toContain(CASE.password);
    expect(layout.qr.x).toBeGreaterThanOrEqual(CREDENTIAL_IMAGE.margin);
    expect(layout.qr.x + layout.qr.size).toBeLessThanOrEqual(CREDENTIAL_IMAGE.width - CREDENTIAL_IMAGE.margin);
    expect(layout.qr.y + layout.qr.size).toBeLessThan(layout.height);
    expect(qrModules(layout.qr.text).length).toBeGreaterThanOrEqual(21);
    // The address is printed under the code too.
    const after = layout.lines.filter((l) => l.y > layout.qr.y + layout.qr.size).map((l) => l.text).join('');
    expect(after).toBe(layout.qr.text);
  });

  it('the tracking address drops whatever hash the site had', () => {
    expect(trackingAddress('http://localhost:5173/#/pages/file/index', '20261202405284')).toBe('http://localhost:5173/#/pages/track/index?caseNo=20261202405284');
  });

  it('wraps long text into lines that fit, keeping a run of digits whole when it can', () => {
    const lines = wrapText('提交日期：2026年12月2日    答复期限：2026年12月16日', '28px x', 300, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(measure(l, '28px x')).toBeLessThanOrEqual(300);
    expect(lines.join('')).toContain('2026');
  });
});

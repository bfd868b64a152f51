/**
 * Publishing answered consultations into the library, through the console routes on DynamoDB
 * Local: anonymised (the preview is exactly what is published; details pasted back are taken out
 * again), only consultations, only answered ones, only with the citizen's consent; found by search
 * at once; audited; one item per consultation even when two officials publish at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, fileAs, show } from '../../support/console';
import { citizenToken, expectApiError, rate, Session } from '../console/console-kit';
import { ids, q } from './library-kit';

let stack: TestStack;
let session: Session;

/** What the citizen typed about themselves: none of it may ever appear in the library. */
const CONTACT = { name: '王建国', phone: '13800138000' };
const PLACE = '沈阳市和平区幸福小区3号楼2单元501室';
const ID_NUMBER = '21010219800101123X';
const OTHER_PHONE = '13912345678';
const SECRETS = [CONTACT.name, CONTACT.phone, '138 0013 8000', '138-0013-8000', PLACE, '幸福小区3号楼', '2单元501', ID_NUMBER, OTHER_PHONE, '李秀兰'];

const consultation = (overrides: Record<string, unknown> = {}) => ({
  type: 'consultation',
  categoryId: 'tuoqian-gongzi',
  title: '王建国咨询：包工头跑了，蜂窝煤厂的工钱找谁要',
  content:
    `我叫王建国，在蜂窝煤厂扩建工地干了四个月，包工头跑了。我的电话 138 0013 8000，身份证号 ${ID_NUMBER}，` +
    `住幸福小区3号楼2单元501室，工友李秀兰的电话${OTHER_PHONE}。请问工钱找谁要？`,
  contact: CONTACT,
  location: { text: PLACE },
  publishConsent: true,
  ...overrides,
});

const ANSWER = `王建国同志：您好！施工总承包单位对农民工工资负总责，包工头逃匿的由总包单位先行清偿。我局已联系总包单位，请您带上考勤记录到县劳动保障监察大队办理，也可拨打138-0013-8000以外的官方热线12333咨询。`;

/** File, accept to rsj, and answer a case; returns its number, password and version. */
async function answered(body: Record<string, unknown>, answer = ANSWER): Promise<{ caseNo: string; password: string; version: number }> {
  const filed = await fileAs(stack, body);
  const accepted = await act(stack, await session.token('shouli'), filed.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(accepted.status, show(accepted)).toBe(200);
  const replied = await act(stack, await session.token('rsj'), filed.caseNo, { action: 'reply', result: 'resolved', expectedVersion: accepted.body.version, answer });
  expect(replied.status, show(replied)).toBe(200);
  return { caseNo: filed.caseNo, password: filed.password, version: replied.body.version };
}

function expectNoSecrets(value: unknown, caseNo: string): void {
  const text = JSON.stringify(value);
  for (const secret of [...SECRETS, caseNo]) expect(text, `leaked “${secret}”`).not.toContain(secret);
}

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack);
});

describe('publishing an answered consultation', () => {
  let caseNo: string;
  let itemId: string;
  let preview: { title: string; question: string; answer: string; tags: string[] };

  it('the preview is anonymised: no name, phone, ID number, address or case number, with counts of what was removed', async () => {
    ({ caseNo } = await answered(consultation()));
    const res = await stack.request('GET', `/api/console/cases/${caseNo}/publication-preview`, { token: await session.token('shouli') });
    expect(res.status, show(res)).toBe(200);
    preview = res.body;
    const { caseNo: echoed, ...texts } = res.body;
    expect(echoed).toBe(caseNo);
    expectNoSecrets(texts, caseNo);
    expect(res.body.question).toContain('包工头跑了');
    expect(res.body.answer).toContain('施工总承包单位');
    expect(res.body.answer).toContain('12333');
    expect(res.body).toMatchObject({ issuer: '人力资源和社会保障局', categoryName: '拖欠农民工工资', tags: ['拖欠农民工工资'] });
    expect(res.body.redactions).toMatchObject({ idNumber: 1 });
    expect(res.body.redactions.name).toBeGreaterThanOrEqual(3);
    expect(res.body.redactions.phone).toBeGreaterThanOrEqual(3);
    expect(res.body.redactions.address).toBeGreaterThanOrEqual(1);
    expect(res.body.published).toBeUndefined();
  });

  it('publishing the preview unchanged stores exactly the preview; the public sees it without any detail or the case number', async () => {
    const res = await stack.request('POST', `/api/console/cases/${caseNo}/publish`, {
      token: await session.token('shouli'),
      body: { title: preview.title, question: preview.question, answer: preview.answer },
    });
    expect(res.status, show(res)).toBe(201);
    expect(res.body.replaced).toBe(false);
    itemId = res.body.item.id;
    expect(itemId).toMatch(/^qa-/);
    expect(res.body.item).toMatchObject({ kind: 'qa', title: preview.title, question: preview.question, answer: preview.answer, body: preview.answer, sourceCaseNo: caseNo, createdBy: 'shouli' });

    const found = await stack.request('GET', q('蜂窝煤厂工钱找谁要'));
    expect(ids(found.body)[0]).toBe(itemId);
    expectNoSecrets(found.body, caseNo);
    const opened = await stack.request('GET', `/api/policies/${itemId}`);
    expect(opened.status, show(opened)).toBe(200);
    expect(opened.body).toMatchObject({ kind: 'qa', question: preview.question, answer: preview.answer, issuer: '人力资源和社会保障局' });
    expectNoSecrets(opened.body, caseNo);
    expect(JSON.stringify(opened.body)).not.toMatch(/sourceCaseNo|createdBy/);
  });

  it('the preview then says it is published; publishing again replaces the same item, and details pasted back are taken out again', async () => {
    const again = await stack.request('GET', `/api/console/cases/${caseNo}/publication-preview`, { token: await session.token('duban') });
    expect(again.body.published).toMatchObject({ id: itemId, updatedBy: 'shouli' });

    const res = await stack.request('POST', `/api/console/cases/${caseNo}/publish`, {
      token: await session.token('duban'),
      body: {
        title: '包工头跑了，工钱找谁要？',
        question: `${preview.question} 联系人王建国，电话13800138000，身份证${ID_NUMBER}，地址${PLACE}。`,
        answer: `${preview.answer}（承办人可联系王建国 138 0013 8000）`,
        tags: ['欠薪', '包工头'],
      },
    });
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toMatchObject({ replaced: true, item: { id: itemId, revision: 2, title: '包工头跑了，工钱找谁要？', tags: ['欠薪', '包工头'], updatedBy: 'duban', createdBy: 'shouli' } });
    expectNoSecrets(res.body.item.question + res.body.item.answer, caseNo);
    expect(res.body.redactions.name + res.body.redactions.phone + res.body.redactions.idNumber + res.body.redactions.address).toBeGreaterThanOrEqual(5);
    expectNoSecrets((await stack.request('GET', `/api/policies/${itemId}`)).body, caseNo);
    // Still one item for this consultation.
    expect(ids((await stack.request('GET', q('包工头跑了工钱找谁要'))).body).filter((id: string) => id.startsWith('qa-'))).toEqual([itemId]);
  });

  it('each publication is in the audit trail (who, when), not in the citizen’s timeline', async () => {
    const audit = await stack.request('GET', `/api/console/audit?caseNo=${caseNo}`, { token: await session.token('duban') });
    expect(audit.status, show(audit)).toBe(200);
    const published = audit.body.items.filter((e: { kind: string }) => e.kind === 'published_to_library');
    expect(published.map((e: { actorId: string }) => e.actorId)).toEqual(['shouli', 'duban']);
    for (const e of published) expect(e.public).toBe(false);
  });

  it('a consultation closed after the citizen rated it can be published too', async () => {
    const c = await answered(consultation({ title: '拖欠工资能不能申请劳动仲裁', content: '公司拖欠两个月工资，能不能申请劳动仲裁？', contact: undefined, location: undefined }), '可以。劳动仲裁不收费，申请时效为一年。');
    await rate(stack, c.caseNo, c.password, 'satisfied');
    expect((await stack.deps.cases.getCase(c.caseNo))?.status).toBe('closed');
    const res = await stack.request('POST', `/api/console/cases/${c.caseNo}/publish`, {
      token: await session.token('duban'),
      body: { question: '公司拖欠两个月工资，能不能申请劳动仲裁？', answer: '可以。劳动仲裁不收费，申请时效为一年。' },
    });
    expect(res.status, show(res)).toBe(201);
    expect(res.body.item.title).toBe('拖欠工资能不能申请劳动仲裁');
  });

  it('two officials publishing the same consultation at once make one item', async () => {
    const c = await answered(consultation({ title: '同时发布测试', content: '同时发布测试的问题。', contact: undefined, location: undefined }), '同时发布测试的答复。');
    const body = { question: '同时发布测试的问题。', answer: '同时发布测试的答复。' };
    const [a, b] = await Promise.all([
      stack.request('POST', `/api/console/cases/${c.caseNo}/publish`, { token: await session.token('shouli'), body }),
      stack.request('POST', `/api/console/cases/${c.caseNo}/publish`, { token: await session.token('duban'), body }),
    ]);
    expect([a.status, b.status].sort(), `${show(a)} ${show(b)}`).toEqual([200, 201]);
    expect(a.body.item.id).toBe(b.body.item.id);
    const listed = await stack.request('GET', `/api/console/admin/policies?q=${encodeURIComponent('同时发布测试')}&kind=qa`, { token: await session.token('admin') });
    expect(listed.body.items.filter((i: { sourceCaseNo?: string }) => i.sourceCaseNo === c.caseNo)).toHaveLength(1);
  });

  it('once an admin deletes the item, the consultation may be published again as a new item', async () => {
    const deleted = await stack.request('DELETE', `/api/console/admin/policies/${itemId}`, { token: await session.token('admin') });
    expect(deleted.status, show(deleted)).toBe(200);
    expect(ids((await stack.request('GET', q('蜂窝煤厂工钱找谁要'))).body)).not.toContain(itemId);
    const preview2 = await stack.request('GET', `/api/console/cases/${caseNo}/publication-preview`, { token: await session.token('shouli') });
    expect(preview2.body.published).toBeUndefined();
    const res = await stack.request('POST', `/api/console/cases/${caseNo}/publish`, {
      token: await session.token('shouli'),
      body: { question: preview2.body.question, answer: preview2.body.answer },
    });
    expect(res.status, show(res)).toBe(201);
    expect(res.body.item.id).not.toBe(itemId);
  });
});

describe('what cannot be published', () => {
  const attempt = async (caseNo: string, token: string) => [
    await stack.request('GET', `/api/console/cases/${caseNo}/publication-preview`, { token }),
    await stack.request('POST', `/api/console/cases/${caseNo}/publish`, { token, body: { question: '问题', answer: '答复' } }),
  ];

  it('a consultation whose citizen did not agree to publication: 409 with a clear message, nothing written', async () => {
    const { caseNo } = await answered(consultation({ publishConsent: undefined }));
    for (const res of await attempt(caseNo, await session.token('shouli'))) {
      expectApiError(res, 409, 'INVALID_TRANSITION');
      expect(res.body.error.message).toBe('市民提交时未同意公开，该咨询不能发布到问答库');
    }
    expect(await stack.deps.library.getPublishedItemId(caseNo)).toBeUndefined();
    const audit = await stack.request('GET', `/api/console/audit?caseNo=${caseNo}`, { token: await session.token('duban') });
    expect(audit.body.items.some((e: { kind: string }) => e.kind === 'published_to_library')).toBe(false);
  });

  it('a complaint, even with consent: 409', async () => {
    const { caseNo } = await answered(consultation({ type: 'complaint', title: '投诉工地欠薪' }), '已责令限期支付。');
    for (const res of await attempt(caseNo, await session.token('duban'))) {
      expectApiError(res, 409, 'INVALID_TRANSITION');
      expect(res.body.error.message).toContain('只有政策咨询');
    }
  });

  it('a consultation not answered yet: 409', async () => {
    const filed = await fileAs(stack, consultation());
    for (const res of await attempt(filed.caseNo, await session.token('shouli'))) {
      expectApiError(res, 409, 'INVALID_TRANSITION');
      expect(res.body.error.message).toContain('尚未答复');
    }
  });

  it('a case that does not exist: 404; handlers and admins may not publish: 403', async () => {
    for (const res of await attempt('20300101000000', await session.token('shouli'))) expectApiError(res, 404, 'CASE_NOT_FOUND');
    const { caseNo } = await answered(consultation({ title: '权限测试', contact: undefined, location: undefined }), '权限测试答复。');
    for (const who of ['rsj', 'zjj', 'admin']) for (const res of await attempt(caseNo, await session.token(who))) expectApiError(res, 403, 'FORBIDDEN');
  });

  it('an empty question or answer is refused (400)', async () => {
    const { caseNo } = await answered(consultation({ title: '空白测试', contact: undefined, location: undefined }), '空白测试答复。');
    const res = await stack.request('POST', `/api/console/cases/${caseNo}/publish`, { token: await session.token('shouli'), body: { question: ' ', answer: '答复' } });
    expectApiError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.fields.question).toBeTruthy();
  });
});

describe('the citizen changes their mind', () => {
  const consent = async (token: string, value: unknown) => stack.request('POST', '/api/track/case/publish-consent', { token, body: { consent: value } });

  it('withdrawing consent takes a published answer down at once, stops publishing, and says so on their timeline; consenting again allows it', async () => {
    const c = await answered(consultation({ title: '包工头跑了，砖厂的工钱找谁要' }));
    const shouli = await session.token('shouli');
    const preview = await stack.request('GET', `/api/console/cases/${c.caseNo}/publication-preview`, { token: shouli });
    const published = await stack.request('POST', `/api/console/cases/${c.caseNo}/publish`, { token: shouli, body: { question: preview.body.question, answer: preview.body.answer } });
    expect(published.status, show(published)).toBe(201);
    const itemId = published.body.item.id as string;
    expect(ids((await stack.request('GET', q('砖厂的工钱找谁要'))).body)).toContain(itemId);

    const token = await citizenToken(stack, c.caseNo, c.password);
    const withdrawn = await consent(token, false);
    expect(withdrawn.status, show(withdrawn)).toBe(200);
    expect(withdrawn.body.publishConsent).toBe(false);
    expect(withdrawn.body.timeline.at(-1).text).toContain('撤回了公开答复的同意');
    // Gone from the library, and officials can no longer publish it.
    expectApiError(await stack.request('GET', `/api/policies/${itemId}`), 404, 'NOT_FOUND');
    expect(ids((await stack.request('GET', q('砖厂的工钱找谁要'))).body)).not.toContain(itemId);
    const refused = await stack.request('GET', `/api/console/cases/${c.caseNo}/publication-preview`, { token: shouli });
    expectApiError(refused, 409, 'INVALID_TRANSITION');
    expect(refused.body.error.message).toContain('未同意公开');
    // The audit trail records the take-down.
    const audit = await stack.request('GET', `/api/console/audit?caseNo=${c.caseNo}`, { token: shouli });
    expect(audit.body.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['publish_consent_withdrawn', 'unpublished_from_library']));

    const again = await consent(token, true);
    expect(again.body.publishConsent).toBe(true);
    expect((await stack.request('GET', `/api/console/cases/${c.caseNo}/publication-preview`, { token: shouli })).status).toBe(200);
  });

  it('only for consultations; a body that is not yes or no is refused', async () => {
    const complaint = await fileAs(stack, consultation({ type: 'complaint', publishConsent: undefined, categoryId: 'tuoqian-gongzi' }));
    const token = await citizenToken(stack, complaint.caseNo, complaint.password);
    expectApiError(await consent(token, true), 409, 'INVALID_TRANSITION');
    expectApiError(await consent(token, 'yes'), 400, 'VALIDATION_FAILED');
    expectApiError(await stack.request('POST', '/api/track/case/publish-consent', { body: { consent: false } }), 401, 'UNAUTHENTICATED');
  });
});

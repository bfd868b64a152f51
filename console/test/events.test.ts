import { EVENT_KIND_NAMES, type ConsoleEventDto } from '@minsheng/shared';
import { describe, expect, it } from 'vitest';
import { describeForOfficials, eventLabel } from '../src/lib/events';

const han = /\p{Script=Han}/u;
const ascii = /^[\x20-\x7e]*$/;

describe('event kinds in the timeline and the audit log', () => {
  it.each(EVENT_KIND_NAMES)('names %s in Chinese, never as the raw kind', (kind) => {
    const label = eventLabel(kind);
    expect(label).not.toBe(kind);
    expect(label).toMatch(han);
    expect(label).not.toMatch(/[a-z_]{3,}/i);
  });

  it('names the kinds that used to show raw', () => {
    expect(eventLabel('publish_consent_given')).toBe('群众同意公开答复');
    expect(eventLabel('publish_consent_withdrawn')).toBe('群众撤回公开答复的同意');
    expect(eventLabel('unpublished_from_library')).toBe('按群众撤回同意从问答库撤下答复');
  });

  it('heads a case an intake officer registered for a caller as such, with its channel — not as the citizen’s own filing', () => {
    expect(eventLabel('submitted', { channel: 'phone', channelLabel: '电话', filedBy: 'intake01' })).toBe('受理员代为登记（电话）');
    expect(eventLabel('submitted', { channel: 'miniprogram', channelLabel: '小程序' })).toBe('群众提交');
  });

  it('names a kind it does not know without showing it raw', () => {
    expect(eventLabel('some_future_kind')).not.toMatch(ascii);
  });

  it('describes internal steps from the event data, and other kinds with the API text', () => {
    const event = (kind: string, data: ConsoleEventDto['data'], text = '案件状态更新'): ConsoleEventDto => ({ at: '', kind, actorRole: 'handler', actorId: 'rsj', toStatus: 'in_progress', public: false, text, data });
    expect(describeForOfficials(event('extension_requested', { days: 5, reason: '核查' }))).toBe('申请延期 5 天。理由：核查');
    expect(describeForOfficials(event('publish_consent_given', {}, '您同意在隐去个人信息后公开答复'))).toBe('您同意在隐去个人信息后公开答复');
    expect(describeForOfficials(event('some_future_kind', {}, '案件状态更新'))).toBe('案件状态更新');
  });
});

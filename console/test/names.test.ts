import { describe, expect, it } from 'vitest';
import { actorText, officialText } from '../src/lib/events';

describe('officials by name', () => {
  it('an official is shown by display name and role, not by login name', () => {
    expect(actorText({ actorRole: 'intake', actorId: 'shouli', actorName: '张敏' })).toBe('张敏（受理员）');
    // A name that already says the role is not repeated.
    expect(actorText({ actorRole: 'intake', actorId: 'shouli', actorName: '张敏（受理员）' })).toBe('张敏（受理员）');
    expect(actorText({ actorRole: 'handler', actorId: 'rsj', actorName: '人力资源和社会保障局承办人' })).not.toContain('rsj');
  });

  it('the audit trail shows the login name beside the name', () => {
    expect(actorText({ actorRole: 'supervisor', actorId: 'duban', actorName: '赵强' }, { login: true })).toBe('赵强（督办） · 登录名 duban');
  });

  it('without a known name (an old account, a removed one) the login name is shown; citizens and the system by role', () => {
    expect(actorText({ actorRole: 'supervisor', actorId: 'duban' })).toBe('督办 duban');
    expect(actorText({ actorRole: 'citizen', actorId: 'citizen' })).toBe('群众');
    expect(actorText({ actorRole: 'system', actorId: 'sla' })).not.toContain('sla');
    expect(officialText(undefined, 'shouli')).toBe('shouli');
    expect(officialText('张敏', 'shouli')).toBe('张敏');
  });
});

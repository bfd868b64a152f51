import { describe, expect, it } from 'vitest';
import { EVENT_KIND_NAMES, EVENT_KINDS, citizenSees, describeEvent, eventLabel } from '../src';

const CHINESE = /[\u4e00-\u9fa5]{2}/;

describe('the event vocabulary', () => {
  it('names every kind in Chinese for officials, never by its code', () => {
    for (const kind of EVENT_KIND_NAMES) {
      expect(eventLabel(kind), kind).toMatch(CHINESE);
      expect(eventLabel(kind)).not.toContain(kind);
    }
  });

  it('gives every kind words for the citizen (no kind falls back to a generic line)', () => {
    const fallback = describeEvent('no_such_kind', {}, () => '');
    for (const kind of EVENT_KIND_NAMES) {
      const text = describeEvent(kind, { departmentId: 'rsj', days: 5, reason: '需要现场核实', intoCaseNo: '20261201000001', label: '满意' }, () => '人社局');
      expect(text, kind).toMatch(CHINESE);
      expect(text, kind).not.toBe(fallback);
    }
  });

  it("keeps internal steps off the citizen's timeline: SLA warnings, extension requests and denials, reveals, attachment views, publication, unanswered return visits, exemptions from assessment", () => {
    const internal = EVENT_KIND_NAMES.filter((k) => !citizenSees(k));
    expect(internal.sort()).toEqual(
      ['attachment_viewed', 'contact_revealed', 'dispatch_disputed', 'dispute_upheld', 'exempted', 'part_returned', 'part_submitted', 'parts_assigned', 'parts_closed', 'extension_denied', 'extension_requested', 'published_to_library', 'revisit_unreachable', 'sla_rescheduled', 'sla_warning', 'subscribed', 'unpublished_from_library'].sort(),
    );
    expect(EVENT_KINDS.sla_overdue.citizenSees).toBe(true);
    expect(EVENT_KINDS.publish_consent_withdrawn.citizenSees).toBe(true);
  });
});

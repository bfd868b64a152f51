import type { Rating } from './case-types';

/**
 * 回访 (return visits): an answered case the citizen has not rated within `revisitDays` (an SLA
 * policy field per case type, default REVISIT_AFTER_DAYS) waits in intake's 回访 queue; intake calls
 * and records the outcome. A rating outcome is recorded exactly as the citizen's own rating (and is
 * as final); `unreachable` records the attempt, and after REVISIT_MAX_ATTEMPTS the case leaves the
 * queue as 联系不上.
 */
export const REVISIT_OUTCOMES = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'] as const;
export type RevisitOutcome = (typeof REVISIT_OUTCOMES)[number];

export const REVISIT_OUTCOME_LABELS: Record<RevisitOutcome, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  unreachable: '联系不上',
};

/** Days after the answer the citizen has to rate it themselves before intake calls (the default of the policies' `revisitDays`). */
export const REVISIT_AFTER_DAYS = 3;
/** A day in milliseconds (revisit delays are counted in whole 24-hour days from the answer). */
export const DAY_MS_REVISIT = 24 * 60 * 60 * 1000;
/** Unreachable attempts per answer round after which the case leaves the 回访 queue (联系不上). */
export const REVISIT_MAX_ATTEMPTS = 3;
/** A revisit note, counted in characters. */
export const REVISIT_NOTE_MAX = 500;

export function isRatingOutcome(outcome: RevisitOutcome): outcome is Rating {
  return outcome !== 'unreachable';
}

/** The return-visit state of a case's current answer round. */
export interface RevisitRecord {
  /** The answer round the attempts were made for (a new answer round starts afresh). */
  round: number;
  /** Unreachable attempts so far in that round. */
  attempts: number;
  lastAt: string;
  lastBy: string;
  /** Set after REVISIT_MAX_ATTEMPTS unreachable attempts: off the 回访 queue as 联系不上. */
  gaveUp?: boolean;
}

/** Unreachable attempts recorded for the case's current round. */
export function revisitAttempts(c: { round: number; revisit?: RevisitRecord }): number {
  return c.revisit && c.revisit.round === c.round ? c.revisit.attempts : 0;
}

/** Whether a replied case is (or will be, when due) on the 回访 queue: not given up on in this round. */
export function awaitsRevisit(c: { status: string; round: number; revisit?: RevisitRecord }): boolean {
  return c.status === 'replied' && !(c.revisit && c.revisit.round === c.round && c.revisit.gaveUp);
}

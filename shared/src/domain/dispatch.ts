/**
 * Moving a case between the units and departments of the jurisdiction tree (issue #15): the 派单目录
 * (which department a category goes to at a place), the dispatch record a case carries once an intake
 * hands it to a department, the send-back (退单) reason codes and their limit, and 派单异议 (a handler's
 * dispute of a dispatch, decided by the intake that dispatched it).
 */
import { isWithin, pathIds, pathOfUnit, ROOT_UNIT_ID, type Unit } from './jurisdiction';

/** Why a department sends a case back (退单), with the words officials read. */
export const SEND_BACK_REASONS = {
  not_our_duty: '非本单位职责',
  wrong_place: '不属本辖区',
  unclear: '诉求不清需核实',
  duplicate: '重复工单',
  other: '其他',
} as const;
export type SendBackReasonCode = keyof typeof SEND_BACK_REASONS;
export const SEND_BACK_REASON_CODES = Object.keys(SEND_BACK_REASONS) as SendBackReasonCode[];

/**
 * How many times one case may be sent back (退单) in all, whichever departments do it; past that a
 * handler who still thinks it is not theirs files 派单异议 (a dispute) instead. A platform constant.
 */
export const SEND_BACK_LIMIT = 2;

/** The message of a send-back beyond the limit (409). */
export const SEND_BACK_LIMIT_MESSAGE = `退单次数已达上限（${SEND_BACK_LIMIT} 次），如有异议请提出派单异议`;

/** The longest 交办意见 (an intake's instructions to the department with a dispatch). */
export const INSTRUCTIONS_MAX = 500;

/** A handler's pending dispute of the dispatch (派单异议), until the dispatching intake decides it. */
export interface DispatchDispute {
  departmentId: string;
  reason: string;
  by: string;
  at: string;
}

/**
 * Who dispatched the case to its department, from which unit, with what instructions; set on accept
 * and transfer. `sendBacks` counts the case's send-backs so far (kept across re-dispatches: the limit
 * is per case). `finalFor` is the department a dispute was decided against (最终决定): it may no
 * longer send the case back.
 */
export interface DispatchRecord {
  unitId: string;
  by: string;
  at: string;
  instructions?: string;
  sendBacks: number;
  /** When the department first acted on this dispatch (its 响应, see assessment.ts); a new dispatch starts without. */
  respondedAt?: string;
  finalFor?: string;
  dispute?: DispatchDispute;
}

/** One line of the 派单目录: cases of `categoryId` at `unitId` (or below it) go to `departmentId`. */
export interface DispatchRule {
  categoryId: string;
  unitId: string;
  departmentId: string;
}

export interface DispatchSuggestion {
  departmentId: string;
  departmentName: string;
  /** From the 派单目录, or the category's usual department. */
  source: 'catalogue' | 'category';
}

interface SuggestInput {
  categoryId: string;
  /** The unit of the place the case is about (the root when not given). */
  placeUnitId?: string;
  /** The unit of the intake who would dispatch (the root when not given). */
  intakeUnitId?: string;
  rules: readonly DispatchRule[];
  categories: readonly { id: string; defaultDepartmentId?: string }[];
  departments: readonly { id: string; name: string; active: boolean; unitId?: string }[];
  units: readonly Unit[];
}

export const dispatchRuleKey = (categoryId: string, unitId: string) => `${categoryId}#${unitId}`;

/**
 * The department to prefill the accept form with: the catalogue's rule for the case's category at
 * the place's unit, else at each of its ancestors up to the root, else the category's usual
 * department — skipping any department that is inactive or outside the intake's subtree (an intake
 * dispatches only within its own unit). Undefined when none fits.
 */
export function suggestDispatch(input: SuggestInput): DispatchSuggestion | undefined {
  const units = new Map(input.units.map((u) => [u.id, u]));
  const intakePath = pathOfUnit(units, input.intakeUnitId);
  const departments = new Map(input.departments.map((d) => [d.id, d]));
  const eligible = (departmentId: string | undefined) => {
    const d = departmentId ? departments.get(departmentId) : undefined;
    return d && d.active && isWithin(pathOfUnit(units, d.unitId), intakePath) ? d : undefined;
  };
  const rules = new Map(input.rules.map((r) => [dispatchRuleKey(r.categoryId, r.unitId), r.departmentId]));
  const placePath = pathOfUnit(units, input.placeUnitId);
  for (const unitId of pathIds(placePath).reverse()) {
    const d = eligible(rules.get(dispatchRuleKey(input.categoryId, unitId)));
    if (d) return { departmentId: d.id, departmentName: d.name, source: 'catalogue' };
  }
  const d = eligible(input.categories.find((c) => c.id === input.categoryId)?.defaultDepartmentId);
  return d ? { departmentId: d.id, departmentName: d.name, source: 'category' } : undefined;
}

/** The unit an intake escalates to (上报): the parent of the case's unit, if the case sits at the intake's own unit. */
export function escalationTarget(units: ReadonlyMap<string, Unit>, caseUnitId: string | undefined, intakeUnitId: string | undefined): string | undefined {
  const here = caseUnitId ?? ROOT_UNIT_ID;
  if (here !== (intakeUnitId ?? ROOT_UNIT_ID)) return undefined;
  return units.get(here)?.parentId;
}

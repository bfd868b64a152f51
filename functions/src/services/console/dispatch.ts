import {
  DomainError,
  ROOT_UNIT_ID,
  SEND_BACK_LIMIT,
  escalationTarget,
  formatShanghaiIso,
  maskSensitiveText,
  suggestDispatch,
  unitFullName,
  unitsById,
  type CaseCommand,
  type CaseRecord,
  type ConsoleCaseDto,
  type DispatchRule,
  type Unit,
} from '@minsheng/shared';
import type { Category, Department } from '../../ports/reference-data';
import type { OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';

/** What moving a case in the tree reads: the units, and for intake the 派单目录. */
export interface MoveReference {
  units: Unit[];
  rules: DispatchRule[];
}

export async function moveReference(deps: Pick<Deps, 'reference'>, viewer: OfficialContext, c: CaseRecord): Promise<MoveReference> {
  const needsRules = viewer.role === 'intake' && c.status === 'submitted';
  const [units, rules] = await Promise.all([deps.reference.listUnits(), needsRules ? deps.reference.listDispatchRules() : Promise.resolve([])]);
  return { units, rules };
}

const unitOf = (viewer: OfficialContext) => viewer.unitId ?? ROOT_UNIT_ID;

/**
 * The command as the state machine takes it: the dispatching unit (accept, transfer, a re-dispatch),
 * the parent to escalate to (上报) — resolved here so `decide` stays pure — and who may decide a
 * dispute (the intake of the unit that dispatched the case).
 */
export function withMoveContext(command: CaseCommand, c: CaseRecord, viewer: OfficialContext, units: readonly Unit[]): CaseCommand {
  switch (command.action) {
    case 'accept':
    case 'transfer':
      return { ...command, dispatchUnitId: unitOf(viewer) };
    case 'escalate_up': {
      if ((c.unitId ?? ROOT_UNIT_ID) !== unitOf(viewer)) throw new DomainError('INVALID_TRANSITION', { message: '只能上报在本级受理中心待受理的案件' });
      const toUnitId = escalationTarget(unitsById(units), c.unitId, viewer.unitId);
      return toUnitId ? { ...command, toUnitId } : command;
    }
    case 'decide_dispute':
      if (c.dispatch?.dispute && c.dispatch.unitId !== unitOf(viewer)) {
        throw new DomainError('FORBIDDEN', { message: '派单异议由派单的受理中心裁定' });
      }
      return command;
    default:
      return command;
  }
}

/** Which of the state machine's allowed actions make sense for this case now (the panel offers only those). */
function narrowed(c: CaseRecord, viewer: OfficialContext, allowed: ConsoleCaseDto['allowedActions'], units: ReadonlyMap<string, Unit>): ConsoleCaseDto['allowedActions'] {
  const final = c.dispatch?.finalFor !== undefined && c.dispatch.finalFor === c.departmentId;
  return allowed.filter((a) => {
    switch (a) {
      case 'escalate_up':
        return escalationTarget(units, c.unitId, viewer.unitId) !== undefined;
      case 'send_back':
        return !final && (c.dispatch?.sendBacks ?? 0) < SEND_BACK_LIMIT;
      case 'dispute':
        return !final && !c.dispatch?.dispute;
      case 'decide_dispute':
        return Boolean(c.dispatch?.dispute) && c.dispatch!.unitId === unitOf(viewer);
      default:
        return true;
    }
  });
}

/**
 * What the case page adds for moving a case: 所在地区, the unit holding it, the 派单目录's suggestion
 * for intake, the dispatch record (交办意见, send-backs, a pending dispute). Never shown to the citizen.
 */
export function withMoveView(
  dto: ConsoleCaseDto,
  c: CaseRecord,
  viewer: OfficialContext,
  ref: MoveReference & { departments: Department[]; categories: Category[] },
  officialNames: ReadonlyMap<string, string>,
): ConsoleCaseDto {
  const units = unitsById(ref.units);
  const suggestion =
    viewer.role === 'intake' && c.status === 'submitted'
      ? suggestDispatch({
          categoryId: c.categoryId,
          ...(c.location?.unitId ? { placeUnitId: c.location.unitId } : {}),
          ...(viewer.unitId ? { intakeUnitId: viewer.unitId } : {}),
          rules: ref.rules,
          categories: ref.categories,
          departments: ref.departments,
          units: ref.units,
        })
      : undefined;
  const d = c.dispatch;
  const text = (s: string) => (dto.revealed ? s : maskSensitiveText(s));
  const deptName = (id: string) => ref.departments.find((x) => x.id === id)?.name ?? id;
  return {
    ...dto,
    allowedActions: narrowed(c, viewer, dto.allowedActions, units),
    ...(c.location?.unitId ? { placeUnitName: unitFullName(units, c.location.unitId) } : {}),
    unitName: unitFullName(units, c.unitId),
    ...(suggestion ? { dispatchSuggestion: suggestion } : {}),
    ...(d
      ? {
          dispatch: {
            unitId: d.unitId,
            unitName: unitFullName(units, d.unitId),
            by: d.by,
            ...(officialNames.get(d.by) ? { byName: officialNames.get(d.by)! } : {}),
            at: d.at ? formatShanghaiIso(new Date(d.at)) : '',
            ...(d.instructions ? { instructions: text(d.instructions) } : {}),
            sendBacks: d.sendBacks,
            sendBackLimit: SEND_BACK_LIMIT,
            ...(d.finalFor ? { finalFor: d.finalFor } : {}),
            ...(d.dispute
              ? { dispute: { departmentId: d.dispute.departmentId, departmentName: deptName(d.dispute.departmentId), reason: text(d.dispute.reason), by: d.dispute.by, at: formatShanghaiIso(new Date(d.dispute.at)) } }
              : {}),
          },
        }
      : {}),
  };
}

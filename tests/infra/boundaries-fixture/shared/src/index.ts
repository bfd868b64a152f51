export { caseTitle } from './text';
export type { CaseId } from './ids';

export type CaseId = string & { readonly brand: 'CaseId' };

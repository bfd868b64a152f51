/**
 * Which cases belong to a citizen identity: a WeChat user who bound them, or the phone number
 * given at filing. `identity` is a keyed hash (`wx:…` or `tel:…`, services/citizen/identity.ts).
 */
export interface CaseLink {
  identity: string;
  caseNo: string;
  via: 'wechat' | 'phone';
  linkedAt: string;
  /** The case's progressAt when this identity last opened it (unset: never opened since linking). */
  seenProgressAt?: string;
}

export interface CitizenLinkStore {
  /** Link a case to an identity; linking again changes nothing (keeps seenProgressAt). */
  link(link: Omit<CaseLink, 'seenProgressAt'>): Promise<void>;
  /** Remove a link; false when there was none. */
  unlink(identity: string, caseNo: string): Promise<boolean>;
  getLink(identity: string, caseNo: string): Promise<CaseLink | undefined>;
  /** The identity's links, newest first. */
  listLinks(identity: string, limit: number): Promise<CaseLink[]>;
  /** Record that the identity has seen the case as of `progressAt`. */
  markSeen(identity: string, caseNo: string, progressAt: string): Promise<void>;
}

/** An Open311 partner: a system (FixMyStreet-style site, another 12345 platform) that files cases with its api_key. */
export interface Open311Partner {
  id: string;
  name: string;
  enabled: boolean;
  createdAt: string;
  /** The admin who issued it (username). */
  createdBy: string;
  disabledAt?: string;
}

/** Partners and their keys: only a keyed hash of a key is ever stored (the key is shown once, when issued). */
export interface Open311PartnerStore {
  /** The partner and its key's lookup item, together (false: the id or the key hash is taken). */
  createPartner(partner: Open311Partner, keyHash: string): Promise<boolean>;
  getPartner(id: string): Promise<Open311Partner | undefined>;
  /** The partner a key's hash was issued to. */
  partnerOfKey(keyHash: string): Promise<Open311Partner | undefined>;
  listPartners(): Promise<Open311Partner[]>;
  /** Disable a partner (its key is refused from then on); undefined when there is no such partner. */
  disablePartner(id: string, at: string): Promise<Open311Partner | undefined>;
}

/** What the public index holds of a case (nothing personal, no free text): see publicSummary. */
export interface PublicCaseSummary {
  caseNo: string;
  categoryId: string;
  status: string;
  /** The department answering or working it (none while at intake). */
  departmentId?: string;
  /** The place's unit (the 社区/村 or 街道/乡镇 the citizen chose, else the intake desk's unit). */
  placeUnitId?: string;
  createdAt: string;
  updatedAt: string;
  dueAt?: string;
  /** When it was answered or finished. */
  closedAt?: string;
}

/** The public listing: the cases of a window of filing time, newest first, from the public index. */
export interface PublicCaseIndex {
  /**
   * Summaries filed in [from, to] (ISO instants), newest first, that pass `keep`; stops at `limit`
   * kept or `maxRead` read, whichever comes first.
   */
  listFiled(window: { from: string; to: string }, keep: (s: PublicCaseSummary) => boolean, limits: { limit: number; maxRead: number }): Promise<PublicCaseSummary[]>;
}

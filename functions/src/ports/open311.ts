import type { Open311PartnerDto, PublicCaseSummary } from '@minsheng/shared';

export type { PublicCaseSummary };

/** An Open311 partner: a system (FixMyStreet-style site, another 12345 platform) that files cases with its api_key (as admins see it). */
export type Open311Partner = Open311PartnerDto;

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


/** The public listing: the cases of a window of filing time, newest first, from the public index. */
export interface PublicCaseIndex {
  /**
   * Summaries filed in [from, to] (ISO instants), newest first, that pass `keep`; stops at `limit`
   * kept or `maxRead` read, whichever comes first.
   */
  listFiled(window: { from: string; to: string }, keep: (s: PublicCaseSummary) => boolean, limits: { limit: number; maxRead: number }): Promise<PublicCaseSummary[]>;
}

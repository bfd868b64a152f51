/**
 * How a case came in (来源渠道): the one list of channel codes and their labels. Citizens' own
 * filings come from the mini-program (its weapp build) or the web (its H5 build); an intake
 * officer files on behalf of a caller for the desk channels; a partner system (a FixMyStreet-style site,
 * another 12345 platform) files through Open311 GeoReport v2 with its api_key (`open311`, partnerId on the case). A case stored before channels were
 * recorded reads as `miniprogram` (`channelOf`).
 */
export const CASE_CHANNELS = ['miniprogram', 'web', 'phone', 'visit', 'letter', 'hotline', 'open311'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const CHANNEL_LABELS: Record<CaseChannel, string> = {
  miniprogram: '小程序',
  web: '网页',
  phone: '电话',
  visit: '来访',
  letter: '信件',
  hotline: '12345 转来',
  open311: 'Open311 合作方',
};

/** What a citizen's own filing (`POST /api/cases`) may say; absent → miniprogram (older clients). */
export const CITIZEN_CHANNELS = ['miniprogram', 'web'] as const satisfies readonly CaseChannel[];
/** What an intake officer files on behalf of a caller (`POST /api/console/cases`). */
export const DESK_CHANNELS = ['phone', 'visit', 'letter', 'hotline'] as const satisfies readonly CaseChannel[];
export type DeskChannel = (typeof DESK_CHANNELS)[number];

/** The channel of a stored case (those from before channels were recorded came through the mini-program). */
export function channelOf(c: { channel?: CaseChannel }): CaseChannel {
  return c.channel ?? 'miniprogram';
}

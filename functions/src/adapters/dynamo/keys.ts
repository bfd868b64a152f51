import { shardOf } from '@minsheng/shared';

/** Library items are spread over this many partitions, read in parallel when an index is built. */
export const LIBRARY_SHARDS = 8;

/**
 * The access patterns, in one place (each store in this folder implements its rows). Each is a
 * GetItem, a Query or a conditional write on the table or one of its indexes — never a Scan (the one Scan is the
 * one-off recount an operator runs by hand from their machine, infra/src/recount-table.ts, outside the functions):
 *
 * | pattern                    | operation       | key                                          |
 * |----------------------------|-----------------|----------------------------------------------|
 * | case by number             | GetItem         | CASE#<caseNo> / CASE                         |
 * | credential of a case       | GetItem         | CASE#<caseNo> / CRED                         |
 * | timeline/audit of a case   | Query           | CASE#<caseNo> / begins_with EVT#             |
 * | parts of a case (协办)      | Query           | CASE#<caseNo> / begins_with PART#            |
 * | idempotency record         | GetItem         | IDEM#<sha256(key)> / IDEM                    |
 * | category by id, all        | GetItem, Query  | REF#CATEGORY / CATEGORY#<id>                 |
 * | departments                | Query           | REF#DEPARTMENT                               |
 * | units (jurisdiction tree)  | Query           | REF#UNIT                                     |
 * | 派单目录 (dispatch rules)   | Query, Put, Del | REF#DISPATCH / <categoryId>#<unitId>         |
 * | login attempts             | UpdateItem ADD  | THROTTLE#<key> / W#<windowStart>             |
 * | intake / department queue  | Query gsi1      | Q#intake[#<unit>], Q#dept#<id> / <dueAt>#<caseNo> |
 * | assisting (协办) queue      | Query gsi1      | Q#part#<id> / <part dueAt>#<caseNo> (parts)  |
 * | answered (已答复) queue     | Query gsi1 desc | Q#replied#<dept> / <answer at>#<caseNo>      |
 * | closed queue               | Query gsi1 desc | Q#closed / <closedAt>#<caseNo>               |
 * | a department's closed      | Query gsi2 desc | CLOSED#<dept> / <closedAt>#<caseNo>          |
 * | due soon / overdue         | Query gsi2      | OPEN / <dueAt>#<caseNo> between / before now |
 * | mine (owner)               | Query gsi3 desc | OWNER#<official> / <updatedAt>#<caseNo>      |
 * | escalated                  | Query gsi4      | ESC / <dueAt>#<caseNo>                       |
 * | a county's open / overdue  | Query gsi6      | CTY#<county>#OPEN / <dueAt>#<caseNo>         |
 * | a county's closed          | Query gsi6 desc | CTY#<county>#CLOSED / <closedAt>#<caseNo>    |
 * | a county's escalated       | Query gsi7      | CTY#<county>#ESC / <dueAt>#<caseNo>          |
 * | cases of a phone (search)  | Query gsi8 desc | PH#<HMAC of the phone> / <createdAt>#<caseNo> |
 * | public listing (Open311)   | Query gsi9 desc | PUB#<Shanghai yyyy-mm of filing> / <createdAt>#<caseNo> (no reports) |
 * | Open311 partners           | Query, Get      | REF#O311PARTNER / <partner id>               |
 * | partner of an api_key      | GetItem         | O311KEY#<HMAC of the key> / KEY              |
 * | partner issued             | TransactWrite   | partner + key item (both cond. not exists)   |
 * | word postings (search)     | Query desc ‖    | W#<area>#<yyyy-mm>#<pair> / <createdAt>#<caseNo> |
 * | same place and category    | Query desc      | PLC#<place unit>#<category> / <createdAt>#<caseNo> |
 * | filed in a month (open data)| Query gsi10 × areas | FILED#<yyyy-mm>#<area> / <createdAt>#<caseNo> (projects od only) |
 * | postings kept in step      | BatchWrite      | (the case indexer on the stream: old image's postings − new's) |
 * | (a township's: its county's Query, filtered on qs.unitPath)                                  |
 * | official by username, all  | GetItem; gsi1 + BatchGet | OFFICIAL#<username>; OFFICIALS / <username> |
 * | statistics of a period     | Query           | STATS#<period> / <dimension>~<shard> (summed)|
 * | statistics totals          | Query           | STATS#<period> / begins_with ALL             |
 * | event counted (stream)     | TransactWrite   | EVT marker (cond.) + ADD per counter shard   |
 * | queue counts (the tabs)    | BatchGet        | QCOUNT#<index>|<partition>[@<unit>] / S#<0–3> |
 * | queue membership (stream)  | Get, TransactWrite | <item pk> / QCOUNTED#<item sk> (cond. on seq) + ADD ±1 per count |
 * | SLA steps due (the sweep)  | Query gsi5 × 8  | SLA#<shard> / <= <now>                       |
 * | outbox (the notifier)      | Query × 4       | OUTBOX#<shard>                               |
 * | failed delivery counted    | UpdateItem ADD  | OUTBOX#<shard> / <createdAt>#<id> (exists)   |
 * | dead letters (move, list)  | TransactWrite,  | DEAD#OUTBOX / <outbox id> (+ outbox delete)  |
 * |                            | Query, GetItem  |                                              |
 * | an inbox                   | Query desc      | INBOX#DEPT#<id> or INBOX#ROLE#<role>[#<unit>] |
 * | an official's inbox read to| GetItem, cond. Put | INBOXREAD#<username> / READ               |
 * | WeChat send claim / sent   | conditional Put | WXSENT#<outbox id>                           |
 * | a citizen's cases (links)  | Query desc, Get | LINK#<wx:… or tel:… keyed hash> / <caseNo>   |
 * | calendar overrides         | Query           | REF#CALENDAR / <date>                        |
 * | entered years' schedules   | Query           | REF#CALENDAR_YEAR / <year>                   |
 * | calendar change log        | Query desc      | CALENDAR#LOG / <at>#<ulid>                   |
 * | a year entered             | TransactWrite   | year + log entry + re-timing job (+ that year's overrides deleted) |
 * | re-timing jobs (newest)    | Query desc, Get | RETIME#JOB / <ulid of the calendar change>   |
 * | a job's progress           | cond. Update    | RETIME#JOB / <ulid> (while status in …)      |
 * | SLA policies               | Query           | REF#SLA_POLICY / <type>                      |
 * | library items (index build)| Query × 8 (‖)   | LIBRARY#<shard> / begins_with ITEM#          |
 * | library item by id         | GetItem         | LIBRARY#<shard of id> / ITEM#<id>            |
 * | library version            | GetItem (cons.) | LIBRARY / VERSION                            |
 * | library changes since v    | Query (cons.)   | LIBRARY#LOG / > <v, 12 digits>               |
 * | library synonyms           | GetItem         | LIBRARY / SYNONYMS                           |
 * | Q&A published from a case  | GetItem         | CASE#<caseNo> / LIBRARY                      |
 * | an upload (evidence)       | Get, cond. Put/Update | UPLOAD#<ulid> / UPLOAD                 |
 * | library change             | TransactWrite   | item + VERSION (cond.) + LIBRARY#LOG entry   |
 *
 * Writes that change a case are transactions (case-store.ts): the case (conditioned on its version),
 * its event (carrying the statistics counters it moves) and its outbox are written together or not
 * at all. The counters are added from the table's stream (jobs/case-changes.ts, its statsConsumer route), off the transaction.
 */

/**
 * Every key of the single table, in one place: partition and sort keys of each item, and the
 * index partitions the queues, the timers and the lists read. Nothing else types a prefix.
 */
export const key = {
  case: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'CASE' }),
  credential: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'CRED' }),
  event: (caseNo: string, eventId: string) => ({ pk: `CASE#${caseNo}`, sk: `EVT#${eventId}` }),
  eventPrefix: 'EVT#',
  /** An assisting department's part of a case (协办), beside the case. */
  part: (caseNo: string, departmentId: string) => ({ pk: `CASE#${caseNo}`, sk: `PART#${departmentId}` }),
  partPrefix: 'PART#',
  idempotency: (keyHash: string) => ({ pk: `IDEM#${keyHash}`, sk: 'IDEM' }),
  category: (id: string) => ({ pk: 'REF#CATEGORY', sk: `CATEGORY#${id}` }),
  categories: 'REF#CATEGORY',
  department: (id: string) => ({ pk: 'REF#DEPARTMENT', sk: `DEPARTMENT#${id}` }),
  departments: 'REF#DEPARTMENT',
  /** A unit of the jurisdiction tree; the whole tree is one partition (a city's few hundred units). */
  unit: (id: string) => ({ pk: 'REF#UNIT', sk: `UNIT#${id}` }),
  units: 'REF#UNIT',
  /** A line of the 派单目录 (category × unit → department); the whole catalogue is one partition. */
  dispatchRule: (categoryId: string, unitId: string) => ({ pk: 'REF#DISPATCH', sk: `${categoryId}#${unitId}` }),
  dispatchRules: 'REF#DISPATCH',
  throttle: (throttleKey: string, windowStart: number) => ({ pk: `THROTTLE#${throttleKey}`, sk: `W#${windowStart}` }),
  official: (username: string) => ({ pk: `OFFICIAL#${username}`, sk: 'OFFICIAL' }),
  outbox: (shard: number, createdAt: string, id: string) => ({ pk: `OUTBOX#${shard}`, sk: `${createdAt}#${id}` }),
  outboxPartition: (shard: number) => `OUTBOX#${shard}`,
  /** A notification given up on (moved out of the outbox after too many failed deliveries); ids are time-ordered. */
  deadLetter: (id: string) => ({ pk: 'DEAD#OUTBOX', sk: id }),
  deadLetters: 'DEAD#OUTBOX',
  inbox: (inboxKey: string, at: string, id: string) => ({ pk: `INBOX#${inboxKey}`, sk: `${at}#${id}` }),
  inboxPartition: (inboxKey: string) => `INBOX#${inboxKey}`,
  inboxRead: (username: string) => ({ pk: `INBOXREAD#${username}`, sk: 'READ' }),
  /** A citizen message's send claim per channel (WeChat's keeps its first key: claims in flight across a deploy stay valid). */
  sent: (channel: string, id: string) => (channel === 'wechat' ? { pk: `WXSENT#${id}`, sk: 'SENT' } : { pk: `SENT#${channel}#${id}`, sk: 'SENT' }),
  /** WeChat subscription-message credits of a case (one per accepted wx.requestSubscribeMessage). */
  wechatCredits: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'WXCREDITS' }),
  /** A recovery code sent to a phone (keyed hash of the phone). */
  recoveryCode: (identity: string) => ({ pk: `RECOVERY#${identity}`, sk: 'CODE' }),
  /** A case linked to a citizen identity (a WeChat user who bound it, the phone given at filing); case numbers sort by filing time. */
  caseLink: (identity: string, caseNo: string) => ({ pk: `LINK#${identity}`, sk: caseNo }),
  caseLinks: (identity: string) => `LINK#${identity}`,
  calendarOverride: (date: string) => ({ pk: 'REF#CALENDAR', sk: date }),
  calendarOverrides: 'REF#CALENDAR',
  calendarYear: (year: number) => ({ pk: 'REF#CALENDAR_YEAR', sk: String(year) }),
  calendarYears: 'REF#CALENDAR_YEAR',
  calendarChange: (at: string, id: string) => ({ pk: 'CALENDAR#LOG', sk: `${at}#${id}` }),
  calendarChanges: 'CALENDAR#LOG',
  /** Re-timing jobs, one per calendar change (its ULID): the stream job starts on their INSERT (serverless.yml filterPatterns). */
  retimeJob: (id: string) => ({ pk: 'RETIME#JOB', sk: id }),
  retimeJobs: 'RETIME#JOB',
  slaPolicy: (type: string) => ({ pk: 'REF#SLA_POLICY', sk: type }),
  slaPolicies: 'REF#SLA_POLICY',
  /** A counter item: `dim` is `<dimension>~<shard>` (written by the stream consumer), or a bare dimension (items from before sharding). */
  stats: (period: string, dim: string) => ({ pk: `STATS#${period}`, sk: dim }),
  /** A file on its way to a case (asked for, completed, attached); its object keys are in storageKey. */
  upload: (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' }),
  statsPartition: (period: string) => `STATS#${period}`,
  /** A queue's exact count (one of QUEUE_COUNT_SHARDS items per counted index partition), kept by the queue counter from the stream. */
  queueCount: (countKey: string, shard: number) => ({ pk: `QCOUNT#${countKey}`, sk: `S#${shard}` }),
  /** Which counted partitions an item (a case, a part) was last counted in, and at which stream record — beside the item. */
  queueCountMarker: (pk: string, sk: string) => ({ pk, sk: `QCOUNTED#${sk}` }),
  /** Separates a dimension from its shard in a counter item's sort key (dimensions contain `#`). */
  statsShardSeparator: '~',
  /**
   * Case search (jobs/case-changes.ts, its caseIndexer route writes them from the stream): a posting of one character pair
   * of a case's title/content, partitioned by area (the case's 区/县, or `root`) and Shanghai month
   * of filing, so no partition grows with the years or the city, and a county's search reads only its own.
   */
  wordPosting: (area: string, month: string, term: string, createdAt: string, caseNo: string) => ({ pk: `W#${area}#${month}#${term}`, sk: `${createdAt}#${caseNo}` }),
  wordPostings: (area: string, month: string, term: string) => `W#${area}#${month}#${term}`,
  /** A case under its place's unit and its category (duplicate candidates: same place and category). */
  placePosting: (placeUnitId: string, categoryId: string, createdAt: string, caseNo: string) => ({ pk: `PLC#${placeUnitId}#${categoryId}`, sk: `${createdAt}#${caseNo}` }),
  placePostings: (placeUnitId: string, categoryId: string) => `PLC#${placeUnitId}#${categoryId}`,
  /** A case exempted from assessment in a Shanghai month (免于考核), by time of the exemption. */
  assessmentExemption: (month: string, at: string, caseNo: string) => ({ pk: `EXEMPT#${month}`, sk: `${at}#${caseNo}` }),
  assessmentExemptions: (month: string) => `EXEMPT#${month}`,
  /** A month's published ranking (部门排行, public once published); all published months are one partition. */
  publishedRanking: (month: string) => ({ pk: 'ASSESS#PUBLISHED', sk: month }),
  publishedRankings: 'ASSESS#PUBLISHED',
  /** An Open311 partner; all partners are one partition (a handful of systems). */
  open311Partner: (id: string) => ({ pk: 'REF#O311PARTNER', sk: id }),
  open311Partners: 'REF#O311PARTNER',
  /** The partner an api_key was issued to, under the key's keyed hash (never the key). */
  open311Key: (keyHash: string) => ({ pk: `O311KEY#${keyHash}`, sk: 'KEY' }),
} as const;

/** Index partitions (the `gsiNpk` values): work queues, due dates, owners, escalations, SLA timers, officials. */
export const indexKey = {
  /** The root's intake queue keeps its first key; a unit's is its own partition. */
  intakeQueue: 'Q#intake',
  intakeQueueOf: (unitId: string | undefined) => (!unitId || unitId === 'root' ? 'Q#intake' : `Q#intake#${unitId}`),
  /** County-wide (a 区/县 and everything below it): open running cases by due, finished cases, escalated. */
  countyOpen: (county: string) => `CTY#${county}#OPEN`,
  countyClosed: (county: string) => `CTY#${county}#CLOSED`,
  countyEscalated: (county: string) => `CTY#${county}#ESC`,
  /** 回访: replied cases awaiting a return visit, by answer time — city-wide (gsi2) and per county (gsi6). */
  revisitDue: 'REVISIT',
  countyRevisit: (county: string) => `CTY#${county}#REVISIT`,
  departmentQueue: (departmentId: string) => `Q#dept#${departmentId}`,
  /** An assisting department's parts still expected (协办 queue), by the part's due date. */
  assistingQueue: (departmentId: string) => `Q#part#${departmentId}`,
  repliedQueue: (departmentId: string | undefined) => `Q#replied#${departmentId}`,
  closedQueue: 'Q#closed',
  openByDue: 'OPEN',
  closedOfDepartment: (departmentId: string) => `CLOSED#${departmentId}`,
  owner: (officialId: string) => `OWNER#${officialId}`,
  escalated: 'ESC',
  slaShard: (shard: number) => `SLA#${shard}`,
  /** Open data (gsi10): the cases filed in a Shanghai month `YYYY-MM` held in a 区/县 (or `root`), by filing time. */
  filedInMonth: (month: string, area: string) => `FILED#${month}#${area}`,
  /** The cases a phone gave (gsi8): its keyed hash (HMAC-SHA256 with the phone-search key), never the number. */
  phone: (phoneHash: string) => `PH#${phoneHash}`,
  /** The public listing (gsi9): cases but reports, by the Shanghai month they were filed in. */
  publicMonth: (month: string) => `PUB#${month}`,
  officials: 'OFFICIALS',
} as const;

/** Key builders of the policy library (see the access-pattern table in access-patterns.ts). */
export const libraryKey = {
  /** Items by a hash of their id: a full build is LIBRARY_SHARDS paged Queries at once. */
  item: (id: string) => ({ pk: `LIBRARY#${shardOf(id, LIBRARY_SHARDS)}`, sk: `ITEM#${id}` }),
  itemPartition: (shard: number) => `LIBRARY#${shard}`,
  itemPrefix: 'ITEM#',
  /** The library version, bumped in the transaction of every change. */
  version: () => ({ pk: 'LIBRARY', sk: 'VERSION' }),
  synonyms: () => ({ pk: 'LIBRARY', sk: 'SYNONYMS' }),
  /** What changed at each version (kept a week), so warm indexes catch up with one Query. */
  change: (version: number) => ({ pk: 'LIBRARY#LOG', sk: String(version).padStart(12, '0') }),
  changeLog: 'LIBRARY#LOG',
  /** The Q&A a consultation was published as (beside the case, never on the public item). */
  caseLink: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'LIBRARY' }),
} as const;

import type { Deps } from '../services/deps';
import * as wire from './wiring';

export type DepsConfig = wire.WiringConfig;

/**
 * Every dependency, built from one wiring: for tests, benchmarks and the local stack's tools, which
 * drive many use cases at once. Routes do not use this: each takes only its own (see http/).
 */
export function createDeps(config: DepsConfig): Deps {
  const { wechat, wechatTemplateId, sms, smsTemplates, ...rest } = wire.build(wire.createWiring(config), {
    cases: wire.cases,
    queues: wire.queues,
    caseSearch: wire.caseSearch,
    credentials: wire.credentials,
    reference: wire.reference,
    officials: wire.officials,
    throttle: wire.throttle,
    notifications: wire.notifications,
    stats: wire.stats,
    queueCounts: wire.queueCounts,
    slaSettings: wire.slaSettings,
    holidays: wire.holidays,
    library: wire.library,
    librarySearch: wire.librarySearch,
    libraryIndexer: wire.libraryIndexer,
    tokens: wire.tokens,
    passwordKey: wire.passwordKey,
    links: wire.links,
    identityKey: wire.identityKey,
    statusKeyKey: wire.statusKeyKey,
    now: wire.clock,
    wechat: wire.wechat,
    wechatTemplateId: wire.wechatTemplateId,
    sms: wire.sms,
    smsTemplates: wire.smsTemplates,
    smsDailyCap: wire.smsDailyCap,
    recoveryCodes: wire.recoveryCodes,
    recoveryKey: wire.recoveryKey,
    storage: wire.storage,
    uploads: wire.uploads,
    sanitiser: wire.sanitiser,
    open311Partners: wire.open311Partners,
    publicCases: wire.publicCases,
    open311Key: wire.open311Key,
    assessment: wire.assessment,
    assessmentWeights: wire.assessmentWeights,
  });
  return { ...rest, ...(wechat ? { wechat } : {}), ...(wechatTemplateId ? { wechatTemplateId } : {}), ...(sms ? { sms } : {}), ...(smsTemplates ? { smsTemplates } : {}) };
}

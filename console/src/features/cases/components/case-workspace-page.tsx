import { RATING_LABELS, type ConsoleCaseDto } from '@minsheng/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Result, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '@/components/ui/page-title';
import { PlainText } from '@/components/ui/plain-text';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage, isApiError } from '@/lib/api-client';
import { useOfficial } from '@/lib/auth';
import { officialText } from '@/lib/events';
import { formatDateTime, formatYuan } from '@/lib/format';
import { getCase, useCase } from '../api/get-case';
import { ActionPanel } from './action-panel';
import { AttachmentGallery } from './attachment-gallery';
import { CaseTimeline } from './case-timeline';
import { ContactCard } from './contact-card';
import { DuplicatesCard } from './duplicates-card';
import { PartsCard } from './parts-card';
import { PublishCard } from './publish-card';
import { SlaClock } from './sla-clock';

export function CaseWorkspacePage() {
  const { caseNo = '' } = useParams<{ caseNo: string }>();
  const official = useOfficial();
  const query = useCase(caseNo);
  const { message } = App.useApp();
  // The unmasked view (intake and supervisors), kept only while the official looks at it.
  const [revealed, setRevealed] = useState<ConsoleCaseDto>();
  // The full-width area below the case content where an action's form opens.
  const [formSlot, setFormSlot] = useState<HTMLDivElement | null>(null);
  const reveal = useMutation({
    mutationFn: () => getCase(caseNo, true),
    onSuccess: (c) => setRevealed(c),
    onError: (e) => void message.error(errorMessage(e)),
  });

  // Any change to the case (an action, a reload) drops the unmasked view.
  useEffect(() => setRevealed(undefined), [query.data?.version, caseNo]);

  if (query.isError && isApiError(query.error) && (query.error.code === 'CASE_NOT_FOUND' || query.error.status === 404)) {
    return <Result status="404" title="案件不存在或不在您的办理范围内" extra={<Link to="/">返回工作队列</Link>} />;
  }

  return (
    <QueryState query={query} rows={10}>
      {(base) => {
        const c = revealed && revealed.version === base.version ? revealed : base;
        return (
          <>
            <PageTitle
              title={`案件 ${c.caseNo}`}
              subtitle={
                <Space wrap>
                  <Tag color="#0958d9">{c.typeLabel}</Tag>
                  <Tag style={{ color: '#262626' }}>{c.statusLabel}</Tag>
                  {c.round > 1 ? <Tag style={{ color: '#a8071a' }}>第 {c.round} 轮办理（群众不满意后重办）</Tag> : null}
                </Space>
              }
              extra={
                <>
                  <Button onClick={() => void query.refetch()} loading={query.isFetching}>
                    刷新
                  </Button>
                  <Link to={`/audit/${c.caseNo}`}>
                    <Button>审计日志</Button>
                  </Link>
                </>
              }
            />
            {c.exemption ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`已免于考核（不合理诉求）：${c.exemption.reason}`} description={`${c.exemption.by} · ${formatDateTime(c.exemption.at)}；本案不计入考核排名，其他统计不变。`} /> : null}
            {c.reviewRequired ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title="需督办复核：群众对重新办理后的答复仍不满意" /> : null}
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={15}>
                <Flex vertical gap={16}>
                  <Card size="small" title={<h2 className="card-title">诉求内容</h2>} className="case-content">
                    <Typography.Title level={3} style={{ fontSize: 17, marginTop: 0 }} className="case-title">
                      {c.title}
                    </Typography.Title>
                    <PlainText text={c.content} className="case-body" style={{ fontSize: 15, lineHeight: 1.8 }} />
                    <Descriptions
                      style={{ marginTop: 16 }}
                      size="small"
                      column={{ xs: 1, md: 2 }}
                      items={[
                        { key: 'category', label: '问题类别', children: c.categoryName ?? c.categoryId },
                        { key: 'dept', label: '承办部门', children: c.departmentName ?? '尚未交办' },
                        { key: 'created', label: '提交时间', children: formatDateTime(c.createdAt) },
                        { key: 'channel', label: '来源渠道', children: c.filedBy ? `${c.channelLabel}（受理员代为登记：${officialText(c.filedByName, c.filedBy)}）` : c.partnerId ? `${c.channelLabel}（合作方 ${c.partnerId}）` : c.channelLabel },
                        ...(c.revisit
                          ? [{ key: 'revisit', label: '回访', children: `联系不上 ${c.revisit.attempts} 次（最近 ${formatDateTime(c.revisit.lastAt)}）${c.revisit.gaveUp ? '，不再回访' : ''}` }]
                          : []),
                        ...c.ratings.filter((r) => r.source === 'revisit').map((r) => ({ key: `revisit-rating-${r.round}`, label: `回访评价（第 ${r.round} 轮）`, children: `${RATING_LABELS[r.rating]}${r.comment ? `：${r.comment}` : ''}` })),
                        { key: 'owner', label: '受理人', children: c.ownerId ? officialText(c.ownerName, c.ownerId) : '—' },
                        ...(c.location?.text ? [{ key: 'loc', label: '地点', children: <PlainText text={c.location.text} /> }] : []),
                        ...(c.placeUnitName ? [{ key: 'place-unit', label: '所在地区', children: c.placeUnitName }] : []),
                        ...(c.status === 'submitted' && c.unitName ? [{ key: 'unit', label: '受理中心', children: c.unitName }] : []),
                        ...(c.dispatch
                          ? [
                              { key: 'dispatch-by', label: '派单', children: `${c.dispatch.unitName}（${officialText(c.dispatch.byName, c.dispatch.by)}，${c.dispatch.at ? formatDateTime(c.dispatch.at) : ''}）` },
                              ...(c.dispatch.instructions ? [{ key: 'instructions', label: '交办意见', children: <PlainText text={c.dispatch.instructions} /> }] : []),
                              { key: 'send-backs', label: '退单次数', children: `${c.dispatch.sendBacks} / ${c.dispatch.sendBackLimit}${c.dispatch.finalFor && c.dispatch.finalFor === c.departmentId ? '（派单异议已裁定由本部门办理，最终决定）' : ''}` },
                              ...(c.dispatch.dispute ? [{ key: 'dispute', label: '派单异议', children: `${c.dispatch.dispute.departmentName}：${c.dispatch.dispute.reason}（待裁定）` }] : []),
                            ]
                          : []),
                        { key: 'publish', label: '同意公开', children: c.publishConsent ? '同意（匿名公开答复）' : '不同意' },
                        ...(c.mergedInto ? [{ key: 'merged', label: '已并入', children: <Link to={`/cases/${c.mergedInto}`}>{c.mergedInto}</Link> }] : []),
                        ...(c.rejectReason ? [{ key: 'reject', label: '不予受理理由', children: <PlainText text={c.rejectReason} /> }] : []),
                      ]}
                    />
                  </Card>
                  {c.status === 'submitted' && official.role === 'intake' ? <DuplicatesCard c={base} /> : null}
                  <AttachmentGallery caseNo={c.caseNo} attachments={c.attachments ?? []} />
                  <PartsCard c={c} />
                  {c.pendingQuestion ? (
                    <Alert type="info" showIcon title="已请群众补充材料，等待回复（计时暂停）" description={<PlainText text={c.pendingQuestion} />} />
                  ) : null}
                  {c.supplements.length ? (
                    <Card size="small" title={<h2 className="card-title">群众补充的材料</h2>}>
                      {c.supplements.map((s, i) => (
                        <div key={i} style={{ marginBottom: 8 }}>
                          <Typography.Text strong>{formatDateTime(s.at)}</Typography.Text>
                          <PlainText text={s.content} />
                        </div>
                      ))}
                    </Card>
                  ) : null}
                </Flex>
              </Col>
              <Col xs={24} lg={9}>
                <Flex vertical gap={16}>
                  <SlaClock c={c} />
                  <ContactCard c={c} role={official.role} revealing={reveal.isPending} onReveal={() => reveal.mutate()} onHide={() => setRevealed(undefined)} />
                  <ActionPanel key={c.caseNo} c={base} username={official.username} onReload={() => query.refetch()} formSlot={formSlot} />
                </Flex>
              </Col>
            </Row>
            {/* An action's form (a reply above all) gets the workspace's full width, below the case content. */}
            <div ref={setFormSlot} className="action-form-slot" data-testid="action-form-slot" />
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24} lg={15}>
                <Flex vertical gap={16}>
                  {c.answer ? (
                    <Card size="small" title={<h2 className="card-title">答复</h2>} className="case-answer">
                      <Typography.Paragraph>
                        {c.answer.departmentName} · {officialText(c.answer.officialName, c.answer.officialId)} · {formatDateTime(c.answer.at)}
                      </Typography.Paragraph>
                      {c.answer.resultLabel ? (
                        <Typography.Paragraph className="case-answer-result">
                          答复结果：{c.answer.resultLabel}
                          {c.answer.amountRecovered !== undefined ? ` · 挽回金额 ${formatYuan(c.answer.amountRecoveredFen ?? 0)} 元` : ''}
                        </Typography.Paragraph>
                      ) : null}
                      <PlainText text={c.answer.text} />
                    </Card>
                  ) : null}
                  {c.ratings.length ? (
                    <Card size="small" title={<h2 className="card-title">群众评价</h2>} className="case-ratings">
                      {c.ratings.map((r, i) => (
                        <div key={i} style={{ marginBottom: 8 }}>
                          <Tag style={{ color: r.rating === 'unsatisfied' ? '#a8071a' : '#135200' }}>{RATING_LABELS[r.rating]}</Tag>
                          第 {r.round} 轮 · {formatDateTime(r.at)}
                          {r.comment ? <PlainText text={r.comment} /> : null}
                        </div>
                      ))}
                    </Card>
                  ) : null}
                  <CaseTimeline caseNo={c.caseNo} events={c.timeline} />
                </Flex>
              </Col>
              <Col xs={24} lg={9}>
                <PublishCard key={`publish-${c.caseNo}`} c={base} role={official.role} username={official.username} />
              </Col>
            </Row>
          </>
        );
      }}
    </QueryState>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  CASE_TYPE_LABELS,
  LIMITS,
  RATING_LABELS,
  RATINGS,
  issuesToFields,
  pageUrl,
  ratingRequestSchema,
  supplementRequestSchema,
  type Rating,
  type SupplementRequest,
} from '@minsheng/shared';
import { Screen } from '../../../components/screen';
import { Btn, Choice, ChoiceGroup, Counter, Field, Notice, Section, TextArea } from '../../../components/ui';
import { addSupplement, getTrackedCase, rateCase, setPublishConsent, withdrawCase } from '../../../features/cases/api';
import { AttachmentPicker } from '../../../features/cases/components/attachment-picker';
import { ReminderButton } from '../../../features/cases/components/reminder-button';
import { clearSession, currentSession, updateRememberedCase } from '../../../features/cases/device';
import { tokenFor } from '../../../features/cases/login';
import { dueLine, reopened, statusExplanation, unsatisfiedNotice } from '../../../features/cases/status';
import { caseSteps } from '../../../features/cases/steps';
import type { TrackedCase } from '../../../features/cases/types';
import { attachmentRefs, notReady, toDraft } from '../../../features/cases/uploads';
import { useUploads } from '../../../features/cases/use-uploads';
import { role } from '../../../lib/a11y';
import { formatDateTime, groupCaseNo } from '../../../lib/format';
import { ApiError } from '../../../lib/request';
import { AttachmentGroup } from '../components/attachments';
import { CaseLoading } from '../components/case-loading';
import { CaseSteps } from '../components/case-steps';
import { ReadAloudButton } from '../components/read-aloud';
import { WithdrawPanel } from '../components/withdraw-panel';
import './index.scss';

/** Cases that ended before anyone handled them: no time limit to state. */
const NEVER_HANDLED: readonly string[] = ['rejected', 'merged', 'withdrawn'];

function SupplementForm({ question, caseToken, onSubmit }: { question?: string; caseToken: () => Promise<string>; onSubmit: (body: SupplementRequest) => Promise<string | undefined> }) {
  const [content, setContent] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // 补充材料: photos or PDFs, uploaded with this case's token (purpose supplement).
  const files = useUploads({ purpose: 'supplement', allowPdf: true, caseToken });
  const submit = async () => {
    const waiting = notReady(files.items, '文件');
    if (waiting) return setError(waiting);
    const uploads = toDraft(files.items);
    const body = { content: content.trim(), ...(uploads.length ? { attachments: attachmentRefs(uploads, false) } : {}) };
    const parsed = supplementRequestSchema.safeParse(body);
    if (!parsed.success) return setError(Object.values(issuesToFields(parsed.error.issues, body))[0]);
    setBusy(true);
    const failure = await onSubmit(parsed.data);
    setError(failure);
    if (!failure) files.replace([]);
    setBusy(false);
  };
  return (
    <Section title='补充材料' className='supplement'>
      {question ? (
        <Notice kind='warning' title='办理部门的问题'>
          {question}
        </Notice>
      ) : null}
      <Field label='您的补充' error={error} counter={<Counter value={content} max={LIMITS.supplementMax} />}>
        <TextArea className='supplement__content' label='您的补充' value={content} onChange={setContent} placeholder='请回答上面的问题，写清楚需要补充的情况' invalid={Boolean(error)} />
      </Field>
      <AttachmentPicker className='supplement__files' title='添加照片或文件' items={files.items} allowPdf onAdd={files.add} onRetry={files.retry} onRemove={files.remove} />
      <Btn kind='primary' className='supplement__submit' onClick={submit} loading={busy}>
        提交补充
      </Btn>
    </Section>
  );
}

function RatingForm({ again, onSubmit }: { again: boolean; onSubmit: (rating: Rating, comment: string) => Promise<string | undefined> }) {
  const [rating, setRating] = useState<Rating>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const body = { rating, comment: comment.trim() };
    const parsed = ratingRequestSchema.safeParse(body);
    if (!parsed.success || !rating) return setError(rating ? Object.values(issuesToFields(parsed.success ? [] : parsed.error.issues, body))[0] : '请选择：满意、基本满意或不满意');
    setBusy(true);
    setError(await onSubmit(rating, parsed.data.comment ?? ''));
    setBusy(false);
  };
  return (
    <Section title={again ? '您对重新办理后的答复满意吗？' : '您对答复满意吗？'} className='rating'>
      <ChoiceGroup label='对答复的评价' className='rating__choices'>
        {RATINGS.map((r) => (
          <Choice key={r} className={`choice--rating rating__${r}`} selected={rating === r} onSelect={() => (setRating(r), setError(undefined))}>
            {RATING_LABELS[r]}
          </Choice>
        ))}
      </ChoiceGroup>
      <Field
        label='评价意见'
        optional
        hint={
          rating === 'unsatisfied'
            ? again
              ? '请说说哪里仍不满意：案件将办结，并由督办人员复核。'
              : '请说说哪里不满意：案件会退回承办部门重新办理，并重新计算答复期限。'
            : '您的意见会帮助我们改进工作。'
        }
        counter={<Counter value={comment} max={LIMITS.commentMax} />}
      >
        <TextArea className='rating__comment' label='评价意见（选填）' value={comment} onChange={setComment} placeholder='选填' />
      </Field>
      {error ? <Notice kind='error'>{error}</Notice> : null}
      <Btn kind='primary' className='rating__submit' onClick={submit} loading={busy}>
        提交评价
      </Btn>
      <Text className='muted'>评价提交后不能修改。</Text>
    </Section>
  );
}

export default function CaseDetailPage() {
  const router = useRouter();
  const caseNo = router.params.caseNo ?? currentSession()?.caseNo ?? '';
  const [data, setData] = useState<TrackedCase>();
  const [error, setError] = useState<{ message: string; relogin: boolean }>();
  const [flash, setFlash] = useState<{ kind: 'success' | 'warning' | 'info'; text: string }>();
  const [consentError, setConsentError] = useState<string>();
  const [consentBusy, setConsentBusy] = useState(false);

  /** Call the API with this case's token, logging in again once if it expired. */
  const withToken = useCallback(
    async <T,>(call: (token: string) => Promise<T>): Promise<T> => {
      const token = await tokenFor(caseNo);
      if (!token) throw new ApiError('UNAUTHENTICATED', '请先输入案件编号和查询密码', 401);
      try {
        return await call(token);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          clearSession();
          const fresh = await tokenFor(caseNo, true);
          if (fresh) return call(fresh);
        }
        throw e;
      }
    },
    [caseNo],
  );

  const load = useCallback(async () => {
    try {
      const fresh = await withToken(getTrackedCase);
      setData(fresh);
      setError(undefined);
      // Seen here: the remembered-cases list stops saying 有新进展 until the next progress.
      if (fresh.progressAt) updateRememberedCase(fresh.caseNo, { lastSeenProgressAt: fresh.progressAt });
    } catch (e) {
      const relogin = e instanceof ApiError && e.status === 401;
      setError({ message: e instanceof ApiError ? e.message : '加载失败，请稍后重试', relogin });
    }
  }, [withToken]);

  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const act = async (call: (token: string) => Promise<unknown>, done: string, tone: 'success' | 'warning' | 'info' = 'success'): Promise<string | undefined> => {
    try {
      await withToken(call);
      setFlash({ kind: tone, text: done });
      await load();
      return undefined;
    } catch (e) {
      return e instanceof ApiError ? e.message : '提交没有成功，请稍后重试';
    }
  };

  if (!data) {
    return (
      <Screen>
        <CaseLoading
          error={error?.message}
          action={
            error?.relogin
              ? { label: '重新输入编号和密码', onClick: () => void Taro.redirectTo({ url: pageUrl('track', { caseNo }) }) }
              : { label: '重试', onClick: () => (setError(undefined), void load()) }
          }
        />
      </Screen>
    );
  }

  const due = dueLine(data);
  const steps = caseSteps(data);
  const unsatisfied = unsatisfiedNotice(data);
  const earlierAnswer = reopened(data);
  const speech = [
    `案件状态：${data.statusLabel}。`,
    statusExplanation(data),
    unsatisfied ? `${unsatisfied.title}，${unsatisfied.text}` : '',
    due.text + '。',
    data.answer ? `${earlierAnswer ? '此前的答复' : '答复'}，来自${data.answer.departmentName}：${data.answer.text}` : '',
  ].join('');
  // One primary action per screen: the form the case waits for, else the reminder.
  const formShown = data.canSupplement || data.canRate;
  const officialFiles = (data.attachments ?? []).filter((a) => a.from === 'official');
  const citizenFiles = (data.attachments ?? []).filter((a) => a.from === 'citizen');
  return (
    <Screen>
      <View className='card detail__head'>
        <Text className='detail__meta'>
          {CASE_TYPE_LABELS[data.type]}
          {data.categoryName ? ` · ${data.categoryName}` : ''}
          {data.placeUnitName ? ` · ${data.placeUnitName}` : ''} · <Text className='detail__case-no'>编号 {groupCaseNo(data.caseNo)}</Text>
        </Text>
        <Text className='detail__title' {...role('heading')} aria-level={1}>
          {data.title}
        </Text>
        <View className={`detail__status detail__status--${data.status}`}>
          <Text className='detail__status-label'>{data.statusLabel}</Text>
        </View>
        <Text className='detail__explain'>{statusExplanation(data)}</Text>
        {unsatisfied ? (
          <View className='detail__unsatisfied'>
            <Notice kind='warning' title={unsatisfied.title}>
              {unsatisfied.text}
            </Notice>
          </View>
        ) : null}
        <Text className={`detail__due detail__due--${due.tone}`}>{due.text}</Text>
        {data.sla.extension ? (
          <Text className='muted detail__ext'>
            已延期 {data.sla.extension.days} 天：{data.sla.extension.reason}
          </Text>
        ) : null}
        {/* The time limit's rule, only for a case that is or was being handled (not 不予受理 / 已合并 / 已撤回). */}
        {NEVER_HANDLED.includes(data.status) ? null : <Text className='muted detail__rule'>{data.sla.rule}</Text>}
        <ReadAloudButton text={speech} />
      </View>

      <Section title='办理进度' className='detail__steps'>
        <CaseSteps steps={steps} />
      </Section>

      {data.type === 'consultation' ? (
        <View className='card detail__consent-card'>
          <Text className='detail__consent'>
            {data.publishConsent
              ? '您同意了公开答复：答复会在隐去姓名、电话、地址等个人信息后放进政策问答库，帮助有同样问题的人。'
              : '您没有同意公开答复：这件咨询的答复不会放进政策问答库。'}
          </Text>
          <Btn
            className='detail__consent-toggle'
            loading={consentBusy}
            onClick={async () => {
              setConsentBusy(true);
              const consent = !data.publishConsent;
              setConsentError(await act((t) => setPublishConsent(t, consent), consent ? '已同意公开答复' : '已撤回同意，已公开的答复同时撤下'));
              setConsentBusy(false);
            }}
          >
            {data.publishConsent ? '撤回同意' : '同意公开答复'}
          </Btn>
          {consentError ? <Notice kind='error'>{consentError}</Notice> : null}
        </View>
      ) : null}

      {flash ? (
        <View {...role('status')} className='detail__flash'>
          <Notice kind={flash.kind}>{flash.text}</Notice>
        </View>
      ) : null}
      {error ? <Notice kind='error'>{error.message}</Notice> : null}

      {data.answer ? (
        <Section title={earlierAnswer ? '此前的答复' : '答复'} className={`answer${earlierAnswer ? ' answer--earlier' : ''}`}>
          <View className='card'>
            {earlierAnswer ? <Text className='answer__superseded'>您对这份答复不满意，承办部门正在重新办理；新的答复会显示在这里。</Text> : null}
            <Text className='muted'>
              {data.answer.departmentName} · {formatDateTime(data.answer.at)}
            </Text>
            <Text className='answer__text' user-select>
              {data.answer.text}
            </Text>
          </View>
        </Section>
      ) : null}
      {data.keptCase ? (
        <Section title={`合并办理的案件 ${groupCaseNo(data.keptCase.caseNo)}`} className='kept'>
          <View className='card'>
            <Text className='kept__status'>办理状态：{data.keptCase.statusLabel}</Text>
            {data.keptCase.answer ? (
              <View>
                <Text className='muted'>
                  {data.keptCase.answer.departmentName} · {formatDateTime(data.keptCase.answer.at)}
                </Text>
                <Text className='answer__text kept__answer' user-select>
                  {data.keptCase.answer.text}
                </Text>
              </View>
            ) : (
              <Text className='muted kept__pending'>这件诉求与您的诉求一起办理，答复后会在这里显示，也会按您留的方式通知您。</Text>
            )}
          </View>
        </Section>
      ) : null}
      {data.mergedAnswer && !data.keptCase ? (
        <Section title={`案件 ${data.mergedAnswer.caseNo} 的答复`}>
          <View className='card'>
            <Text className='answer__text'>{data.mergedAnswer.text}</Text>
          </View>
        </Section>
      ) : null}

      {data.canSupplement ? (
        <SupplementForm question={data.pendingQuestion} caseToken={() => withToken(async (token) => token)} onSubmit={(body) => act((t) => addSupplement(t, body), '补充材料已提交，办理继续进行。')} />
      ) : null}
      {data.canRate ? (
        <RatingForm
          again={data.rating?.rating === 'unsatisfied'}
          onSubmit={(rating, comment) =>
            act(
              (t) => rateCase(t, comment ? { rating, comment } : { rating }),
              rating === 'unsatisfied'
                ? data.rating?.rating === 'unsatisfied'
                  ? '已收到您的评价：不满意。案件已办结，并已转交督办人员复核。'
                  : '已收到您的评价：不满意。案件已退回承办部门重新办理。'
                : '感谢您的评价！',
              rating === 'unsatisfied' ? 'warning' : 'success',
            )
          }
        />
      ) : null}
      {data.rating ? (
        <Section title={data.canRate ? '您上一次的评价' : '您的评价'}>
          <View className='card'>
            <Text className={`rating__given rating__given--${data.rating.rating}`}>{RATING_LABELS[data.rating.rating]}</Text>
            {data.rating.comment ? <Text className='answer__text'>{data.rating.comment}</Text> : null}
            <Text className='muted'>{formatDateTime(data.rating.at)}</Text>
          </View>
        </Section>
      ) : null}

      {officialFiles.length || citizenFiles.length ? (
        <Section title='材料和文件' className='attachments'>
          {officialFiles.length ? <AttachmentGroup files={officialFiles} what='办理部门的文件' /> : null}
          {citizenFiles.length ? <AttachmentGroup files={citizenFiles} what='我提交的材料' /> : null}
          <Text className='muted attachments__note'>文件链接几分钟内有效；打不开时请点“刷新进度”。</Text>
        </Section>
      ) : null}

      <Section title='办理记录'>
        <View className='timeline' {...role('list')}>
          {[...data.timeline].reverse().map((entry, i) => (
            <View className='timeline__item' key={`${entry.at}-${i}`} {...role('listitem')}>
              <Text className='timeline__time'>{formatDateTime(entry.at)}</Text>
              <Text className='timeline__text'>{entry.text ?? ''}</Text>
            </View>
          ))}
        </View>
      </Section>

      <Section title='我的诉求内容'>
        <View className='card'>
          <Text className='answer__text'>{data.content}</Text>
          {data.supplements.map((s, i) => (
            <View key={`${s.at}-${i}`} className='detail__supplement'>
              <Text className='muted'>补充于 {formatDateTime(s.at)}</Text>
              <Text className='answer__text'>{s.content}</Text>
            </View>
          ))}
        </View>
      </Section>

      {data.canWithdraw ? (
        <WithdrawPanel onWithdraw={(reason) => act((t) => withdrawCase(t, reason ? { reason } : {}), '诉求已撤回。这件诉求不会再被办理。', 'info')} />
      ) : null}

      <ReminderButton kind={formShown ? 'secondary' : 'primary'} caseToken={() => withToken(async (token) => token)} />

      <Btn className='detail__refresh' onClick={() => void load()}>
        刷新进度
      </Btn>
    </Screen>
  );
}

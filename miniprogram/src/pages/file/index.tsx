import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { LIMITS, pageUrl, type CategoryDto, type FieldErrors, type UnitDto } from '@minsheng/shared';
import { Screen } from '../../components/screen';
import { Btn, Choice, ChoiceGroup, Counter, Field, Notice, Section, TextArea, TextInput, Toggle } from '../../components/ui';
import { fileCase, listCategories, listUnits } from '../../features/cases/api';
import { UnitPicker } from '../../features/cases/components/unit-picker';
import { CASE_TYPE_GUIDE, CASE_TYPE_ORDER, caseTypeLabel } from '../../features/cases/case-types';
import { AttachmentPicker } from '../../features/cases/components/attachment-picker';
import { clearDraft, currentWechatSession, loadDraft, rememberCase, rememberFiledPhotos, saveDraft, type Draft } from '../../features/cases/device';
import { draftHasContent, emptyDraft, firstInvalidField, isMobile, openDraft, validateDraft, type DraftOpening } from '../../features/cases/filing';
import { logIn } from '../../features/cases/login';
import { failedByFields, notReady } from '../../features/cases/uploads';
import { useUploads } from '../../features/cases/use-uploads';
import { Suggestions } from '../../features/library/components/suggestions';
import { suggestionQuery } from '../../features/library/suggest';
import { useSuggestions } from '../../features/library/use-suggestions';
import { fieldAnchor, scrollToAnchor } from '../../lib/a11y';
import { IS_WEAPP } from '../../lib/env';
import { formatDateTime } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/ids';
import { ApiError } from '../../lib/request';
import './index.scss';

const CONTACT_NOTE = '姓名和电话只有受理和办理您这件诉求的工作人员能看到，用于联系您核实情况，不会公开。电话在列表中会隐去中间几位。';
const ANONYMOUS_ON = '匿名举报：不留姓名和电话。我们无法联系您核实情况，请尽量把时间、地点、人物和经过写清楚。';
const ANONYMOUS_OFF = '实名举报：您的姓名和电话只有受理员和督办人员能看到，被举报的部门和承办人看不到。';
const CONSENT_LABEL = '同意在隐去姓名、电话、地址等个人信息后，把答复公开到问答库，帮助有同样问题的人';
const SMS_NOTE = '开启后，提交成功时会立即把案件编号发到这个手机；受理、需要补充材料、答复、超期督办和办结时也会短信告诉您。查询密码不会通过短信发送；忘记密码时，可凭这个手机号找回。';
const SMS_OFF = '不发送办理进度短信。忘记查询密码时，仍可凭这个手机号接收验证码找回。';
const SMS_LANDLINE = '座机号收不到短信。办理进度请在“查询进度”里查看；忘记查询密码时无法用座机号找回。';
const CONSENT_NOTE = '默认不公开。同意后，工作人员会先隐去您的个人信息，再把问题和答复放进问答库；不同意也不影响办理。';

export default function FilePage() {
  const router = useRouter();
  // The type in the URL counts once per tap (see draftForLink): a reload, or coming back from the
  // library, keeps the type and category the citizen has chosen since.
  // A draft saved earlier opens with a notice (清空重填); one of another type than the one tapped is asked about first.
  const [opening] = useState<DraftOpening>(() => openDraft(loadDraft(), router.params));
  const [conflict, setConflict] = useState(opening.kind === 'conflict' ? opening : undefined);
  const [restored, setRestored] = useState(opening.kind === 'restored' ? opening : undefined);
  const [draft, setDraft] = useState<Draft>(() => (opening.kind === 'conflict' ? opening.saved : opening.draft));
  const [categories, setCategories] = useState<CategoryDto[]>();
  const [categoriesError, setCategoriesError] = useState<string>();
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const restoredPending = useRef(Boolean(draft.pending));
  // Photos: each uploads as soon as it is picked; the completed ones live in the draft.
  const photos = useUploads({
    purpose: 'filing',
    allowPdf: false,
    initial: draft.uploads,
    onDone: (uploads) => setDraft((d) => ({ ...d, uploads })),
  });

  // Every keystroke is kept on the device: leaving the page, a call, a crash lose nothing.
  // (Not while asking about another type's draft: that one stays as it was until the citizen chooses.)
  useEffect(() => {
    if (!conflict) saveDraft(draft);
  }, [draft, conflict]);

  /** Start again: nothing of the old draft is kept, not even its photos (after a confirmation when there is something to lose). */
  const startOver = async (keep: { type?: Draft['type']; link?: string }, ask: { title: string; content: string; confirmText: string } | undefined) => {
    if (ask) {
      const { confirm } = await Taro.showModal({ ...ask, cancelText: '取消', confirmColor: '#b42318' });
      if (!confirm) return false;
    }
    clearDraft();
    photos.replace([]);
    setDraft(emptyDraft(keep));
    setFields({});
    setError(undefined);
    setRestored(undefined);
    setConflict(undefined);
    return true;
  };

  const clearForm = () =>
    void startOver(
      { type: draft.type, link: draft.link },
      draftHasContent(draft) ? { title: '清空重填？', content: '已填写的标题、内容、联系方式和照片都会删除，不能恢复。', confirmText: '清空' } : undefined,
    );

  const loadCategories = () => {
    setCategoriesError(undefined);
    listCategories()
      .then((res) => setCategories(res.items))
      .catch((e: unknown) => setCategoriesError(e instanceof ApiError ? e.message : '问题类别加载失败，请重试'));
  };
  useEffect(loadCategories, []);
  // 所在地区 is optional: if the tree does not load, the place text alone is filed.
  const [units, setUnits] = useState<UnitDto[]>();
  useEffect(() => {
    listUnits()
      .then((res) => setUnits(res.items))
      .catch(() => setUnits([]));
  }, []);

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setFields((f) => {
      const next = { ...f };
      for (const key of Object.keys(patch)) {
        delete next[key];
        if (key === 'name' || key === 'phone') delete next[`contact.${key}`], delete next.contact;
        if (key === 'place') delete next['location.text'];
      }
      return next;
    });
  };

  const offered = (categories ?? []).filter((c) => !draft.type || c.types.includes(draft.type));
  const isReport = draft.type === 'report';
  const anonymous = isReport && draft.anonymous;
  const isConsultation = draft.type === 'consultation';
  // While a consultation is typed: answers already in the library (they open above the form, which stays as it is).
  // The query never carries the citizen's own name, phone or place (see suggestionQuery).
  const suggestions = useSuggestions(isConsultation ? suggestionQuery(draft.title, draft.content, { name: draft.name, phone: draft.phone, place: draft.place }) : undefined);

  const chooseOnMap = async () => {
    try {
      const place = await Taro.chooseLocation({});
      update({ place: [place.name, place.address].filter(Boolean).join('，').slice(0, LIMITS.locationTextMax), lat: place.latitude, lng: place.longitude });
    } catch {
      // Cancelled, or location not allowed: typing the place works just as well.
    }
  };

  /** The form was refused: mark the fields, say how many, and take the citizen to the first one (it is read out). */
  const refused = (found: FieldErrors) => {
    setFields(found);
    const first = firstInvalidField(found);
    setError(`还有 ${Object.keys(found).length} 处需要修改，请看红字提示${first ? '，已为您跳到第一处' : ''}。`);
    // After the render that shows the red text.
    if (first) setTimeout(() => void scrollToAnchor(fieldAnchor(first)), 50);
  };

  const submit = async () => {
    setError(undefined);
    // Never a filing without the photos the citizen added: wait (the button stays usable), or 重试 / 移除.
    const waiting = notReady(photos.items);
    if (waiting) {
      setError(waiting);
      return;
    }
    const checked = validateDraft(draft);
    if (!checked.ok) {
      refused(checked.fields);
      return;
    }
    const body = checked.body;
    const bodyJson = JSON.stringify(body);
    // The same body after a failure we never saw the end of: same key, so the server answers with
    // the case it may already have made instead of making a second one.
    const key = draft.pending?.body === bodyJson ? draft.pending.key : newIdempotencyKey();
    const withPending = { ...draft, pending: { key, body: bodyJson } };
    saveDraft(withPending);
    setDraft(withPending);
    setSubmitting(true);
    try {
      const filed = await fileCase(body, key);
      const phone = body.contact?.phone;
      rememberCase(filed, body.title, body.type, { publishConsent: body.publishConsent === true, withPhone: Boolean(phone && isMobile(phone)), sms: body.smsOptIn === true });
      rememberFiledPhotos(filed.caseNo, (draft.uploads ?? []).map((u) => u.preview ?? '').filter(Boolean));
      clearDraft();
      // Inside a WeChat "my cases" session the new case joins it (a login binds it); never in the way of filing.
      if (currentWechatSession()) void logIn(filed.caseNo, filed.password).catch(() => undefined);
      await Taro.redirectTo({ url: pageUrl('credentials', { caseNo: filed.caseNo }) });
    } catch (e) {
      if (e instanceof ApiError) {
        if (!e.isNetwork && e.status < 500) {
          // Refused: no case was made, the next attempt is a new request.
          const { pending: _dropped, ...rest } = withPending;
          setDraft(rest);
          if (e.fields && Object.keys(e.fields).length) refused(e.fields);
          else setFields({});
          // A photo the server would not attach (expired, used already): marked failed, to be removed.
          photos.replace(failedByFields(photos.current.current, e.fields));
        }
        setError(e.message);
      } else {
        setError('提交没有成功，请稍后重试。您填写的内容已保存。');
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (conflict) {
    const savedType = conflict.saved.type ? caseTypeLabel(conflict.saved.type) : '诉求';
    const wanted = caseTypeLabel(conflict.wanted);
    return (
      <Screen>
        <Notice kind='warning' title='这台手机上有一份未提交的内容'>
          {`有一份未提交的${savedType}${conflict.saved.savedAt ? `（${formatDateTime(conflict.saved.savedAt)}保存）` : ''}。您刚才选的是${wanted}。如果那份不是您写的，请新写一份。`}
        </Notice>
        <Btn
          kind='primary'
          className='file__conflict-new'
          onClick={() =>
            void startOver({ type: conflict.wanted, ...(router.params.link ? { link: router.params.link } : {}) }, { title: `新写一份${wanted}？`, content: `上次未提交的${savedType}会被删除，不能恢复。`, confirmText: '删除新写' })
          }
        >
          {`新写一份${wanted}`}
        </Btn>
        <Btn
          className='file__conflict-keep'
          onClick={() => {
            // This tap's link is seen: a reload keeps the old draft as it is, without asking again.
            if (router.params.link) setDraft((d) => ({ ...d, link: router.params.link }));
            setConflict(undefined);
            setRestored({ kind: 'restored', draft: conflict.saved, ...(conflict.saved.type ? { savedType: conflict.saved.type } : {}), ...(conflict.saved.savedAt ? { savedAt: conflict.saved.savedAt } : {}) });
          }}
        >
          {`继续填写上次的${savedType}`}
        </Btn>
      </Screen>
    );
  }

  return (
    <Screen>
      {restored ? (
        <View className='file__restored'>
          <Notice kind='info' title='已恢复您上次未提交的内容'>
            {`${restored.savedType ? caseTypeLabel(restored.savedType) : '诉求'}${restored.savedAt ? `，${formatDateTime(restored.savedAt)}保存` : ''}。不是您写的，或想重新写，请点“清空重填”。`}
          </Notice>
          <Btn className='file__clear' onClick={clearForm}>
            清空重填
          </Btn>
        </View>
      ) : null}
      {restoredPending.current && draft.pending ? (
        <Notice kind='warning' title='上次提交没有完成'>
          上次提交时网络中断，诉求可能已经送达。请直接点“重新提交”，不会重复提交。
        </Notice>
      ) : null}

      <Section title='1. 选择诉求类型' id={fieldAnchor('type')}>
        <ChoiceGroup label='诉求类型'>
          {CASE_TYPE_ORDER.map((type) => (
            <Choice key={type} className='choice--type' selected={draft.type === type} onSelect={() => update({ type, categoryId: undefined, anonymous: false, publishConsent: false })}>
              {caseTypeLabel(type)}
            </Choice>
          ))}
        </ChoiceGroup>
        {draft.type ? <Text className='muted file__type-note'>{CASE_TYPE_GUIDE[draft.type].next}。</Text> : null}
        {fields.type ? <Notice kind='error'>{fields.type}</Notice> : null}
      </Section>

      <Section title='2. 问题类别' id={fieldAnchor('categoryId')}>
        {categoriesError ? (
          <View>
            <Notice kind='error'>{categoriesError}</Notice>
            <Btn onClick={loadCategories}>重新加载类别</Btn>
          </View>
        ) : !categories ? (
          <Text className='muted'>正在加载类别…</Text>
        ) : (
          <ChoiceGroup label='问题类别' className='file__categories'>
            {offered.map((c) => (
              <Choice key={c.id} className='choice--category' selected={draft.categoryId === c.id} onSelect={() => update({ categoryId: c.id })} label={c.description ? `${c.name}：${c.description}` : c.name}>
                <Text className='choice__name'>{c.name}</Text>
                {c.description ? <Text className='choice__desc'>{c.description}</Text> : null}
              </Choice>
            ))}
          </ChoiceGroup>
        )}
        {fields.categoryId ? <Notice kind='error'>{fields.categoryId}</Notice> : null}
      </Section>

      <Section title='3. 写下您的诉求'>
        <Field id={fieldAnchor('title')} label='标题' hint='一句话说明是什么事，例如“小区工地夜间施工噪音扰民”。' error={fields.title} counter={<Counter value={draft.title} max={LIMITS.titleMax} />}>
          <TextInput className='file__title' label='标题' value={draft.title} onChange={(title) => update({ title })} maxlength={-1} placeholder='请输入标题' invalid={Boolean(fields.title)} />
        </Field>
        <Field id={fieldAnchor('content')} label='详细内容' hint='请写清楚时间、地点、涉及的单位或人员、事情经过，以及您希望怎样解决。' error={fields.content} counter={<Counter value={draft.content} max={LIMITS.contentMax} />}>
          <TextArea className='file__content' label='详细内容' value={draft.content} onChange={(content) => update({ content })} placeholder='请输入详细内容' invalid={Boolean(fields.content)} />
        </Field>
        {isConsultation ? <Suggestions items={suggestions} /> : null}
        <Field id={fieldAnchor(fields['location.text'] ? 'location.text' : 'location')} label='地点' optional hint='事情发生的地方，便于核实。' error={fields['location.text'] ?? fields.location}>
          <TextInput className='file__place' label='地点（选填）' value={draft.place} onChange={(place) => update({ place, lat: undefined, lng: undefined })} maxlength={-1} placeholder='例如：城南街道幸福小区 3 号楼' />
          {IS_WEAPP ? <Btn onClick={chooseOnMap}>在地图上选择地点</Btn> : null}
        </Field>
        {units?.length ? (
          <Field id={fieldAnchor('location.unitId')} label='所在地区' optional hint='选择事情发生地所属的区县、街道乡镇和社区村，诉求会更快交给当地办理。' error={fields['location.unitId']}>
            <UnitPicker units={units} value={draft.unitId} onChange={(unitId) => update({ unitId })} />
          </Field>
        ) : null}
        <View id={fieldAnchor('attachments')} />
        <AttachmentPicker className='file__photos' title='添加照片' items={photos.items} allowPdf={false} onAdd={photos.add} onRetry={photos.retry} onRemove={photos.remove} />
        {fields.attachments ? <Notice kind='error'>{fields.attachments}</Notice> : null}
      </Section>

      <Section title='4. 联系方式'>
        {isReport ? (
          <View className='file__anonymous' id={fieldAnchor('anonymous')}>
            <Toggle label='匿名举报' on={anonymous} onChange={(on) => update({ anonymous: on, ...(on ? { name: '', phone: '' } : {}) })} />
            <Notice kind='info'>{anonymous ? ANONYMOUS_ON : ANONYMOUS_OFF}</Notice>
            {fields.anonymous ? <Notice kind='error'>{fields.anonymous}</Notice> : null}
          </View>
        ) : null}
        {anonymous ? null : (
          <View>
            <Text className='field__hint'>{CONTACT_NOTE}</Text>
            <Field id={fieldAnchor('contact.name')} label='姓名' optional error={fields['contact.name']}>
              <TextInput className='file__name' label='姓名（选填）' value={draft.name} onChange={(name) => update({ name })} maxlength={-1} placeholder='您的称呼' />
            </Field>
            <Field id={fieldAnchor(fields['contact.phone'] ? 'contact.phone' : 'contact')} label='电话' optional hint='手机号，或带区号的座机号。' error={fields['contact.phone'] ?? fields.contact}>
              <TextInput className='file__phone' label='电话（选填）' type={IS_WEAPP ? 'number' : 'text'} value={draft.phone} onChange={(phone) => update({ phone })} maxlength={16} placeholder='例如 13800138000' invalid={Boolean(fields['contact.phone'])} />
            </Field>
            {draft.phone.trim() ? (
              /^0/.test(draft.phone.trim()) ? (
                <Text className='field__hint file__sms-note'>{SMS_LANDLINE}</Text>
              ) : (
                <View className='file__sms'>
                  <Toggle className='file__sms-toggle' label='短信接收办理进度' on={draft.smsOptIn} onChange={(smsOptIn) => update({ smsOptIn })} />
                  <Text className='field__hint file__sms-note'>{draft.smsOptIn ? SMS_NOTE : SMS_OFF}</Text>
                </View>
              )
            ) : null}
          </View>
        )}
      </Section>

      {isConsultation ? (
        <Section title='5. 答复是否公开'>
          <Toggle className='file__consent' label={CONSENT_LABEL} on={draft.publishConsent} onChange={(publishConsent) => update({ publishConsent })} states={['已同意', '未同意']} />
          <Text className='field__hint file__consent-note'>{CONSENT_NOTE}</Text>
        </Section>
      ) : null}

      {error ? <Notice kind='error'>{error}</Notice> : null}
      <Btn kind='primary' className='file__submit' onClick={submit} loading={submitting}>
        {draft.pending ? '重新提交' : '提交诉求'}
      </Btn>
      <Text className='muted file__saved'>填写的内容会自动保存在本机，离开页面也不会丢失。</Text>
    </Screen>
  );
}

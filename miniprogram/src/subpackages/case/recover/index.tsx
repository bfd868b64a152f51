import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { pageUrl } from '@minsheng/shared';
import { Screen } from '../../../components/screen';
import { Btn, Field, Notice, Section, TextInput } from '../../../components/ui';
import { listMyCases, openMyCase, resetMyCasePassword, sendRecoveryCode, verifyRecoveryCode } from '../../../features/cases/api';
import { MeCaseCard } from '../../../features/cases/components/me-case-card';
import { rememberNewPassword, saveSession, updateRememberedCase } from '../../../features/cases/device';
import { checkRecoveryCode, checkRecoveryPhone, CODE_SENT, normalizePhone, recoveryError, resendLabel } from '../../../features/cases/recovery';
import type { MeCase } from '../../../features/cases/types';
import { role } from '../../../lib/a11y';
import { IS_WEAPP } from '../../../lib/env';
import { groupCaseNo, groupPassword } from '../../../lib/format';
import { ApiError } from '../../../lib/request';
import { useCountdown } from '../../../lib/use-countdown';
import './index.scss';

const INTRO = '提交诉求时填写了手机号，就可以用短信验证码找回：查看办理进度，或重设查询密码。没有留手机号的诉求无法找回。';
const WECHAT_TIP = '在微信里绑定过的诉求不需要密码：回到“查询进度”，点“用微信查看我的诉求”。';
const EXPIRED = '验证已过期，请重新获取验证码。';

type Fields = { phone?: string; code?: string };

export default function RecoverPage() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<{ expiresInSeconds: number }>();
  const [busy, setBusy] = useState<string>();
  const [wait, startWait] = useCountdown();
  // The me token (via phone) stays in this page only: nothing about the phone is kept on the device.
  const [me, setMe] = useState<string>();
  const [items, setItems] = useState<MeCase[]>();
  const [reset, setReset] = useState<{ caseNo: string; password: string }>();
  const [flash, setFlash] = useState<{ kind: 'success' | 'error'; text: string }>();

  const fail = (e: unknown, step: 'send' | 'verify') => {
    const { field, message } = recoveryError(e, step);
    if (field) setFields({ [field]: message });
    else setError(message);
    if (e instanceof ApiError && e.status === 429 && e.retryAfterSeconds && step === 'send') startWait(e.retryAfterSeconds);
  };

  /** The verification ran out (or was refused): back to asking for a code. */
  const expired = () => {
    setMe(undefined);
    setItems(undefined);
    setSent(undefined);
    setCode('');
    setError(EXPIRED);
  };

  // Back from a case opened here (or after a new password): the list as the server now has it, so
  // 有新进展 is gone for the case just seen. Without an answer the list stays as it was.
  useDidShow(() => {
    if (!me) return;
    listMyCases(me)
      .then((res) => setItems(res.items))
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) expired();
      });
  });

  const send = async () => {
    setError(undefined);
    const problem = checkRecoveryPhone(phone);
    if (problem) return setFields({ phone: problem });
    setFields({});
    setBusy('send');
    try {
      const res = await sendRecoveryCode(normalizePhone(phone));
      setSent({ expiresInSeconds: res.expiresInSeconds ?? 300 });
      startWait(res.resendAfterSeconds ?? 60);
    } catch (e) {
      fail(e, 'send');
    } finally {
      setBusy(undefined);
    }
  };

  const verify = async () => {
    setError(undefined);
    const problem = checkRecoveryPhone(phone) ? { phone: checkRecoveryPhone(phone) } : checkRecoveryCode(code) ? { code: checkRecoveryCode(code) } : undefined;
    if (problem) return setFields(problem);
    setFields({});
    setBusy('verify');
    try {
      const token = (await verifyRecoveryCode(normalizePhone(phone), code.replace(/\s/g, ''))).token;
      setMe(token);
      setItems((await listMyCases(token)).items);
    } catch (e) {
      fail(e, 'verify');
    } finally {
      setBusy(undefined);
    }
  };

  const open = async (item: MeCase) => {
    if (!me) return expired();
    setBusy(item.caseNo);
    try {
      const res = await openMyCase(me, item.caseNo);
      saveSession({ caseNo: item.caseNo, token: res.token, expiresAt: res.expiresAt });
      if (res.statusKey) updateRememberedCase(item.caseNo, { statusKey: res.statusKey });
      await Taro.navigateTo({ url: pageUrl('caseDetail', { caseNo: item.caseNo }) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) expired();
      else setFlash({ kind: 'error', text: e instanceof ApiError ? e.message : '没能打开这件诉求，请稍后重试' });
    } finally {
      setBusy(undefined);
    }
  };

  const resetPassword = async (item: MeCase) => {
    const { confirm } = await Taro.showModal({
      title: '重设查询密码？',
      content: `案件 ${item.caseNo} 原来的查询密码会立即失效。新密码只显示一次，请记下。`,
      confirmText: '重设',
      // Taro's default green on white is too faint to read (2.3:1); the app's blue is 7:1.
      confirmColor: '#0b57b0',
      cancelText: '不重设',
    });
    if (!confirm) return;
    if (!me) return expired();
    setBusy(`reset:${item.caseNo}`);
    setFlash(undefined);
    try {
      const res = await resetMyCasePassword(me, item.caseNo);
      rememberNewPassword(res, item);
      setReset({ caseNo: res.caseNo, password: res.password });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) expired();
      else setFlash({ kind: 'error', text: e instanceof ApiError ? e.message : '没能重设密码，请稍后重试' });
    } finally {
      setBusy(undefined);
    }
  };

  const copy = async (what: string, value: string) => {
    try {
      await Taro.setClipboardData({ data: value });
      setFlash({ kind: 'success', text: `${what}已复制` });
    } catch {
      setFlash({ kind: 'error', text: `没能复制，请手动抄写${what}` });
    }
  };

  if (me && items) {
    return (
      <Screen>
        {reset ? (
          <Section title='新的查询密码' className='recover__new'>
            <Notice kind='warning'>这是新的查询密码，只显示这一次，原来的密码已失效。这台手机已记住它；请另外抄写或截图保存。</Notice>
            <View className='cred card'>
              <Text className='cred__label'>案件编号</Text>
              <Text className='cred__value recover__case-no' aria-label={`案件编号 ${reset.caseNo.split('').join(' ')}`}>
                {groupCaseNo(reset.caseNo)}
              </Text>
              <Text className='cred__label cred__label--gap'>新的查询密码</Text>
              <Text className='cred__value recover__password' aria-label={`新的查询密码 ${reset.password.split('').join(' ')}`}>
                {groupPassword(reset.password)}
              </Text>
              <Btn className='recover__copy-pw' onClick={() => copy('查询密码', reset.password)}>
                复制查询密码
              </Btn>
            </View>
          </Section>
        ) : null}
        {flash ? (
          <View {...role('status')}>
            <Notice kind={flash.kind}>{flash.text}</Notice>
          </View>
        ) : null}
        <Section title='这个手机号提交的诉求'>
          {items.length === 0 ? (
            <Text className='muted'>没有可以查询的诉求。</Text>
          ) : (
            items.map((item) => (
              <MeCaseCard key={item.caseNo} item={item}>
                <Btn kind='primary' className='recover__open' onClick={() => open(item)} loading={busy === item.caseNo} label={`查看进度：${item.title}`}>
                  查看进度
                </Btn>
                <Btn className='recover__reset' onClick={() => resetPassword(item)} loading={busy === `reset:${item.caseNo}`} label={`重设密码：${item.title}`}>
                  重设密码
                </Btn>
              </MeCaseCard>
            ))
          )}
          <Text className='muted recover__note'>标题中的部分内容已隐去。查看进度不需要密码；重设后，用新密码也能在其他手机上查询。</Text>
        </Section>
      </Screen>
    );
  }

  return (
    <Screen>
      <Section title='用手机号找回'>
        <Text className='field__hint'>{INTRO}</Text>
        {error ? <Notice kind='error'>{error}</Notice> : null}
        <Field label='手机号' hint='提交诉求时填写的手机号。' error={fields.phone}>
          <TextInput className='recover__phone' label='手机号' type={IS_WEAPP ? 'number' : 'text'} value={phone} onChange={setPhone} maxlength={13} placeholder='11 位手机号' invalid={Boolean(fields.phone)} />
        </Field>
        <Btn className='recover__send' onClick={send} loading={busy === 'send'} disabled={wait > 0}>
          {resendLabel(wait, Boolean(sent))}
        </Btn>
        {sent ? (
          <View {...role('status')}>
            <Notice kind='info'>
              {CODE_SENT}，{Math.round(sent.expiresInSeconds / 60)} 分钟内有效。没有收到，请核对手机号，稍后重新发送。
            </Notice>
          </View>
        ) : null}
        {sent ? (
          <View>
            <Field label='验证码' error={fields.code}>
              <TextInput className='recover__code' label='验证码' type={IS_WEAPP ? 'number' : 'text'} value={code} onChange={setCode} maxlength={6} placeholder='6 位数字' invalid={Boolean(fields.code)} onConfirm={verify} confirmType='done' />
            </Field>
            <Btn kind='primary' className='recover__verify' onClick={verify} loading={busy === 'verify'}>
              验证并查看我的诉求
            </Btn>
          </View>
        ) : null}
      </Section>
      {IS_WEAPP ? <Text className='muted recover__note'>{WECHAT_TIP}</Text> : null}
    </Screen>
  );
}

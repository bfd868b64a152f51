import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { CITIZEN_LOCK_RULE, pageUrl, type FieldErrors } from '@minsheng/shared';
import { Screen } from '../../components/screen';
import { Btn, CaseNo, DisplaySettings, Field, Notice, Section, TextInput } from '../../components/ui';
import { listMyCases, openMyCase, startWechatSession, unbindMyCase } from '../../features/cases/api';
import { caseTypeLabel } from '../../features/cases/case-types';
import { CaseStatusLine } from '../../features/cases/components/case-status-line';
import { MeCaseCard } from '../../features/cases/components/me-case-card';
import {
  clearWechatSession,
  currentWechatSession,
  forgetCase,
  rememberedCases,
  saveSession,
  saveWechatSession,
  updateRememberedCase,
} from '../../features/cases/device';
import { checkLogin, logIn } from '../../features/cases/login';
import { fetchRememberedStatuses, retold, type RememberedStatus } from '../../features/cases/progress';
import type { MeCase, RememberedCase } from '../../features/cases/types';
import { role } from '../../lib/a11y';
import { IS_WEAPP } from '../../lib/env';
import { setHighContrast, setLargeText, useHighContrast, useLargeText } from '../../lib/large-text';
import { formatDate } from '../../lib/format';
import { ApiError } from '../../lib/request';
import { wechatLoginCode } from '../../lib/wechat';
import './index.scss';

const WECHAT_NOTE = '不用输入编号和密码：在微信里提交或查询过的诉求会出现在这里。我们只保存您微信身份的加密标识，不获取昵称、头像和手机号。不用也完全可以。';

// One primary action on the screen (查询); a case in a list opens with a plain button.
// Case numbers are digits only: a numeric keyboard on the phone.
const IS_DIGITS = process.env.TARO_ENV === 'weapp';

/** 我的诉求 through WeChat (weapp only, never required): wx.login → a me token → the bound cases. */
function WechatCases() {
  const [signedIn, setSignedIn] = useState(() => Boolean(currentWechatSession()));
  const [items, setItems] = useState<MeCase[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const fail = (e: unknown, fallback: string) => {
    if (e instanceof ApiError && e.status === 401) {
      clearWechatSession();
      setSignedIn(false);
      setItems(undefined);
      setError('微信登录已过期，请再点一次「用微信查看我的诉求」。');
    } else if (e instanceof ApiError && e.status === 503) {
      setError('微信登录暂时不可用。请用下面的案件编号和查询密码查询。');
    } else {
      setError(e instanceof ApiError ? e.message : fallback);
    }
  };

  const load = async () => {
    const session = currentWechatSession();
    if (!session) return setSignedIn(false);
    try {
      setItems((await listMyCases(session.token)).items);
      setError(undefined);
    } catch (e) {
      fail(e, '我的诉求加载失败，请稍后重试');
    }
  };
  useDidShow(() => void load());

  const signIn = async () => {
    setBusy('signin');
    setError(undefined);
    try {
      saveWechatSession(await startWechatSession(await wechatLoginCode()));
      setSignedIn(true);
      await load();
    } catch (e) {
      fail(e, '没能用微信登录，请稍后重试，或用案件编号和查询密码查询。');
    } finally {
      setBusy(undefined);
    }
  };

  const open = async (item: MeCase) => {
    const session = currentWechatSession();
    if (!session) return fail(new ApiError('UNAUTHENTICATED', '', 401), '');
    setBusy(item.caseNo);
    try {
      const res = await openMyCase(session.token, item.caseNo);
      saveSession({ caseNo: item.caseNo, token: res.token, expiresAt: res.expiresAt });
      if (res.statusKey) updateRememberedCase(item.caseNo, { statusKey: res.statusKey });
      await Taro.navigateTo({ url: pageUrl('caseDetail', { caseNo: item.caseNo }) });
    } catch (e) {
      fail(e, '没能打开这件诉求，请稍后重试');
    } finally {
      setBusy(undefined);
    }
  };

  const unbind = async (item: MeCase) => {
    const { confirm } = await Taro.showModal({
      title: '解除绑定？',
      content: `解除后，案件 ${item.caseNo} 不再出现在“我的诉求”里，诉求照常办理。以后仍可凭案件编号和查询密码查询。`,
      confirmText: '解除绑定',
      // Taro's default green on white is too faint to read (2.3:1); the app's blue is 7:1.
      confirmColor: '#0b57b0',
      cancelText: '保留',
    });
    if (!confirm) return;
    const session = currentWechatSession();
    if (!session) return fail(new ApiError('UNAUTHENTICATED', '', 401), '');
    setBusy(`unbind:${item.caseNo}`);
    try {
      await unbindMyCase(session.token, item.caseNo);
      await load();
    } catch (e) {
      fail(e, '没能解除绑定，请稍后重试');
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Section title='我的诉求' className='wechat-cases'>
      {error ? <Notice kind='error'>{error}</Notice> : null}
      {!signedIn ? (
        <View>
          <Text className='field__hint'>{WECHAT_NOTE}</Text>
          <Btn kind='primary' className='wechat-cases__signin' onClick={signIn} loading={busy === 'signin'}>
            用微信查看我的诉求
          </Btn>
        </View>
      ) : !items ? (
        <Text className='muted' {...role('status')}>
          正在加载…
        </Text>
      ) : items.length === 0 ? (
        <Text className='muted'>还没有绑定的诉求。在微信里提交诉求，或输入编号和密码查询一次，诉求就会出现在这里。</Text>
      ) : (
        items.map((item) => (
          <MeCaseCard key={item.caseNo} item={item}>
            <Btn className='me-case__open' onClick={() => open(item)} loading={busy === item.caseNo} label={`查看进度：${item.title}`}>
              查看进度
            </Btn>
            {item.via === 'wechat' ? (
              <Btn className='me-case__unbind' onClick={() => unbind(item)} loading={busy === `unbind:${item.caseNo}`} label={`解除绑定：${item.title}`}>
                解除绑定
              </Btn>
            ) : null}
          </MeCaseCard>
        ))
      )}
      {signedIn ? (
        <Btn
          kind='plain'
          className='wechat-cases__signout'
          onClick={() => {
            clearWechatSession();
            setSignedIn(false);
            setItems(undefined);
          }}
        >
          在这台手机上退出“我的诉求”
        </Btn>
      ) : null}
    </Section>
  );
}

export default function TrackPage() {
  const router = useRouter();
  const large = useLargeText();
  const contrast = useHighContrast();
  const [caseNo, setCaseNo] = useState(router.params.caseNo ?? '');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<{ message: string; locked: boolean }>();
  const [busy, setBusy] = useState<string>();
  const [mine, setMine] = useState<RememberedCase[]>([]);
  const [statuses, setStatuses] = useState<Record<string, RememberedStatus>>({});

  useDidShow(() => {
    const list = rememberedCases();
    setMine(list);
    setStatuses((known) => retold(known, list));
    // All statuses in one request; without an answer the list simply shows none.
    fetchRememberedStatuses(list)
      .then(setStatuses)
      .catch(() => setStatuses({}));
  });

  const open = async (no: string, pw: string) => {
    setError(undefined);
    const problems = checkLogin(no, pw);
    if (problems) {
      setFields(problems);
      return;
    }
    setFields({});
    setBusy(no);
    try {
      const session = await logIn(no, pw);
      await Taro.navigateTo({ url: pageUrl('caseDetail', { caseNo: session.caseNo }) });
    } catch (e) {
      const locked = e instanceof ApiError && e.code === 'TOO_MANY_ATTEMPTS';
      setError({ message: e instanceof ApiError ? e.message : '查询没有成功，请稍后重试', locked });
    } finally {
      setBusy(undefined);
    }
  };

  const forget = async (c: RememberedCase) => {
    const { confirm } = await Taro.showModal({
      title: '不再在本机保存？',
      content: `移除后，查询案件 ${c.caseNo} 需要重新输入编号和密码。请先确认您已另外记下密码。`,
      confirmText: '移除',
      cancelText: '保留',
    });
    if (!confirm) return;
    forgetCase(c.caseNo);
    setMine(rememberedCases());
  };

  return (
    <Screen>
      {IS_WEAPP ? <WechatCases /> : null}

      <Section title='输入案件编号和查询密码'>
        <Text className='field__hint'>提交诉求时系统给出的编号和密码。密码不区分大小写。</Text>
        <Field label='案件编号' error={fields.caseNo}>
          <TextInput className='track__case-no' label='案件编号' value={caseNo} onChange={setCaseNo} type={IS_DIGITS ? 'number' : 'text'} maxlength={20} placeholder='14 位数字' invalid={Boolean(fields.caseNo)} />
        </Field>
        <Field label='查询密码' error={fields.password}>
          <TextInput className='track__password' label='查询密码' value={password} onChange={setPassword} maxlength={20} placeholder='8 位字母和数字' invalid={Boolean(fields.password)} />
        </Field>
        {error ? (
          <Notice kind='error' title={error.locked ? '暂时锁定' : '没有查到'}>
            {error.message}
          </Notice>
        ) : null}
        {error ? <Text className='muted track__lock-note'>{CITIZEN_LOCK_RULE}</Text> : null}
        <Btn kind='primary' className='track__submit' onClick={() => open(caseNo, password)} loading={busy === caseNo && busy !== undefined}>
          查询
        </Btn>
        <Btn kind='plain' className='track__recover' onClick={() => void Taro.navigateTo({ url: pageUrl('recover') })}>
          忘记查询密码？用手机号找回
        </Btn>
      </Section>

      <Section title='本机保存的诉求'>
        {mine.length === 0 ? (
          <Text className='muted'>在这台手机上提交的诉求会自动保存在这里，点一下就能查看进度。</Text>
        ) : (
          mine.map((c) => {
            const status = statuses[c.caseNo];
            return (
              <View className='card mine' key={c.caseNo}>
                <Text className='mine__title'>{c.title}</Text>
                <Text className='mine__meta'>
                  {caseTypeLabel(c.type)} · <Text className='nowrap'>编号 <CaseNo value={c.caseNo} /></Text> · <Text className='nowrap'>{formatDate(c.filedAt)}提交</Text>
                </Text>
                {status ? <CaseStatusLine status={status.status} label={status.label} fresh={status.fresh} /> : null}
                <View className='btn-row'>
                  <Btn className='mine__open' onClick={() => open(c.caseNo, c.password)} loading={busy === c.caseNo} label={`查看进度：${c.title}`}>
                    查看进度
                  </Btn>
                  <Btn className='mine__forget' onClick={() => forget(c)} label={`不再保存：${c.title}`}>
                    不再保存
                  </Btn>
                </View>
              </View>
            );
          })
        )}
      </Section>

      <Section>
        <DisplaySettings large={large} contrast={contrast} onLarge={setLargeText} onContrast={setHighContrast} />
      </Section>
    </Screen>
  );
}

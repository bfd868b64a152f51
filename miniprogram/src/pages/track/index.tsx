import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { pageUrl, type FieldErrors } from '@minsheng/shared';
import { Screen } from '../../components/screen';
import { Btn, Field, Notice, Section, TextInput, Toggle } from '../../components/ui';
import { caseTypeLabel } from '../../features/cases/case-types';
import { forgetCase, rememberedCases } from '../../features/cases/device';
import { checkLogin, logIn } from '../../features/cases/login';
import type { RememberedCase } from '../../features/cases/types';
import { setLargeText, useLargeText } from '../../lib/large-text';
import { formatDate, groupCaseNo } from '../../lib/format';
import { ApiError } from '../../lib/request';
import './index.scss';

const LOCK_NOTE = '为保护您的信息，同一个案件编号连续输错 5 次密码后，会暂时锁定 15 分钟。请核对后再试，或在锁定结束后重试。';

// Case numbers are digits only: a numeric keyboard on the phone.
const IS_DIGITS = process.env.TARO_ENV === 'weapp';

export default function TrackPage() {
  const router = useRouter();
  const large = useLargeText();
  const [caseNo, setCaseNo] = useState(router.params.caseNo ?? '');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<{ message: string; locked: boolean }>();
  const [busy, setBusy] = useState<string>();
  const [mine, setMine] = useState<RememberedCase[]>([]);

  useDidShow(() => setMine(rememberedCases()));

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
        {error ? <Text className='muted track__lock-note'>{LOCK_NOTE}</Text> : null}
        <Btn kind='primary' className='track__submit' onClick={() => open(caseNo, password)} loading={busy === caseNo && busy !== undefined}>
          查询
        </Btn>
      </Section>

      <Section title='本机保存的诉求'>
        {mine.length === 0 ? (
          <Text className='muted'>在这台手机上提交的诉求会自动保存在这里，点一下就能查看进度。</Text>
        ) : (
          mine.map((c) => (
            <View className='card mine' key={c.caseNo}>
              <Text className='mine__title'>{c.title}</Text>
              <Text className='mine__meta'>
                {caseTypeLabel(c.type)} · 编号 {groupCaseNo(c.caseNo)} · {formatDate(c.filedAt)}提交
              </Text>
              <View className='btn-row'>
                <Btn kind='primary' className='mine__open' onClick={() => open(c.caseNo, c.password)} loading={busy === c.caseNo} label={`查看进度：${c.title}`}>
                  查看进度
                </Btn>
                <Btn className='mine__forget' onClick={() => forget(c)} label={`不再保存：${c.title}`}>
                  不再保存
                </Btn>
              </View>
            </View>
          ))
        )}
      </Section>

      <Section>
        <Toggle label='大字模式' on={large} onChange={setLargeText} />
      </Section>
    </Screen>
  );
}

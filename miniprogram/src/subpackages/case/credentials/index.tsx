import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { pageUrl } from '@minsheng/shared';
import { Screen } from '../../../components/screen';
import { Btn, CaseNo, Notice, Section } from '../../../components/ui';
import { caseTypeLabel } from '../../../features/cases/case-types';
import { saveCredentialImage } from '../../../features/cases/credential-image';
import { ReminderButton } from '../../../features/cases/components/reminder-button';
import { filedPhotos, findRememberedCase } from '../../../features/cases/device';
import { logIn, tokenFor } from '../../../features/cases/login';
import { role } from '../../../lib/a11y';
import { IS_H5 } from '../../../lib/env';
import { formatDate } from '../../../lib/format';
import { ApiError } from '../../../lib/request';
import { Thumbs } from '../components/attachments';
import './index.scss';

export default function CredentialsPage() {
  const router = useRouter();
  const filed = findRememberedCase(router.params.caseNo ?? '');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const photos = filedPhotos(router.params.caseNo ?? '');

  if (!filed) {
    return (
      <Screen>
        <Notice kind='warning' title='没有找到这件诉求的凭证'>
          凭证只保存在提交诉求的那台手机上。请用案件编号和查询密码查询。
        </Notice>
        <Btn kind='primary' onClick={() => Taro.redirectTo({ url: pageUrl('track') })}>
          去查询进度
        </Btn>
      </Screen>
    );
  }

  const copy = async (what: string, value: string) => {
    try {
      await Taro.setClipboardData({ data: value });
      setMessage({ kind: 'success', text: `${what}已复制` });
    } catch {
      setMessage({ kind: 'error', text: `没能复制，请手动抄写${what}` });
    }
  };

  const saveImage = async () => {
    try {
      setMessage({ kind: 'success', text: await saveCredentialImage(filed) });
    } catch {
      setMessage({ kind: 'error', text: IS_H5 ? '没能生成图片，请截图或抄写保存' : '没能保存到相册。请在设置中允许“添加到相册”，或截图保存。' });
    }
  };

  const track = async () => {
    setBusy(true);
    try {
      const session = await logIn(filed.caseNo, filed.password);
      await Taro.redirectTo({ url: pageUrl('caseDetail', { caseNo: session.caseNo }) });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : '查询没有成功，请稍后重试' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen>
      <Notice kind='success' title='提交成功'>
        您的{caseTypeLabel(filed.type)}已提交，正在等待受理。我们会在 {formatDate(filed.dueAt)} 前答复您。
      </Notice>

      {filed.type === 'consultation' && filed.publishConsent ? (
        <Notice kind='info' title='您同意了公开答复'>
          答复后，工作人员会先隐去您的姓名、电话、地址等个人信息，再把问题和答复放进政策问答库，帮助有同样问题的人。
        </Notice>
      ) : null}

      <Notice kind='warning' title='请保存好下面的编号和密码'>
        凭它们查询办理进度、补充材料和评价。密码只在这里完整显示，工作人员也看不到。请复制、保存图片，或抄写在纸上。
      </Notice>
      {filed.withPhone === false ? (
        <Notice kind='warning' title='查询密码丢失后无法找回'>
          您没有留手机号，密码丢失后不能用短信找回。请现在就截图、{IS_H5 ? '下载凭证图片' : '保存凭证图片'}，或抄写在纸上。
        </Notice>
      ) : filed.withPhone ? (
        <Notice kind='info'>
          忘记密码时，可凭提交时填写的手机号找回{filed.sms ? '。案件编号会用短信发到这个手机，短信里不含查询密码。' : '。'}
        </Notice>
      ) : null}

      <View className='cred card'>
        <Text className='cred__label' id='cred-case-no-label'>
          案件编号
        </Text>
        <CaseNo value={filed.caseNo} size='big' className='cred__value cred__case-no' />
        <Btn className='cred__copy-no' onClick={() => copy('案件编号', filed.caseNo)}>
          复制案件编号
        </Btn>
        <Text className='cred__label cred__label--gap'>查询密码</Text>
        <CaseNo value={filed.password} kind='password' size='big' className='cred__value cred__password' />
        <Btn className='cred__copy-pw' onClick={() => copy('查询密码', filed.password)}>
          复制查询密码
        </Btn>
      </View>

      {photos.length ? (
        <Section title={`您提交的照片（${photos.length} 张）`} className='cred__photos'>
          <Text className='field__hint'>照片中的位置、拍摄设备等信息已去除，办理人员只看到照片本身。</Text>
          <Thumbs images={photos.map((p) => ({ thumb: p, full: p }))} what='您提交的照片' />
        </Section>
      ) : null}

      {message ? (
        <View {...role('status')}>
          <Notice kind={message.kind}>{message.text}</Notice>
        </View>
      ) : null}

      <Btn className='cred__save' onClick={saveImage}>
        {IS_H5 ? '下载凭证图片' : '保存凭证图片到相册'}
      </Btn>
      <ReminderButton
        caseToken={async () => {
          const token = await tokenFor(filed.caseNo);
          if (!token) throw new ApiError('UNAUTHENTICATED', '请先输入案件编号和查询密码', 401);
          return token;
        }}
      />
      <Section>
        <Btn kind='primary' className='cred__track' onClick={track} loading={busy}>
          查看办理进度
        </Btn>
        <Btn kind='plain' onClick={() => Taro.reLaunch({ url: pageUrl('home') })}>
          返回首页
        </Btn>
        <Text className='muted cred__remember'>这台手机已记住这件诉求，以后在“查询进度”里点一下就能查看。</Text>
      </Section>
    </Screen>
  );
}

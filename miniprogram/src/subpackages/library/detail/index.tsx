import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { LIBRARY_ID_PATTERN, pageUrl, type LibraryItemDto } from '@minsheng/shared';
import { Screen } from '../../../components/screen';
import { Btn, Loading, Notice, Section } from '../../../components/ui';
import { getLibraryItem } from '../../../features/library/api';
import { openConsultationForm } from '../../../features/library/links';
import { role } from '../../../lib/a11y';
import { formatDay } from '../../../lib/format';
import { ApiError } from '../../../lib/request';
import './index.scss';

/** Only web links are ever made clickable (the API checks too; this page does not rely on it). */
const isWebLink = (url: string | undefined): url is string => typeof url === 'string' && /^https?:\/\/[^\s<>"']+$/i.test(url);

function MetaRow({ label, value }: { label: string; value?: string }) {
  if (!value) return null;
  return (
    <View className='lib-detail__row'>
      <Text className='lib-detail__label'>{label}</Text>
      <Text className='lib-detail__value' user-select>
        {value}
      </Text>
    </View>
  );
}

/** Where the original is: a link on H5; in WeChat, which opens no outside pages, the address to copy. */
function SourceLink({ url, onCopied }: { url: string; onCopied: (ok: boolean) => void }) {
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: url });
      onCopied(true);
    } catch {
      onCopied(false);
    }
  };
  return (
    <Section title='原文' className='lib-detail__source'>
      {/* Written out (not IS_H5) so the weapp build drops the <a> branch at compile time. */}
      {process.env.TARO_ENV === 'h5' ? (
        <a className='lib-detail__link' href={url} target='_blank' rel='noopener noreferrer'>
          查看原文（在新窗口打开）
        </a>
      ) : (
        <View>
          <Text className='lib-detail__url' user-select>
            {url}
          </Text>
          <Btn className='lib-detail__copy' onClick={() => void copy()}>
            复制原文链接
          </Btn>
          <Text className='muted'>复制后可在手机浏览器中打开。</Text>
        </View>
      )}
    </Section>
  );
}

/** One policy document or answered question, in full. */
export default function LibraryDetailPage() {
  const router = useRouter();
  const id = router.params.id ?? '';
  // A link without a (well-formed) id would ask /api/policies/, which answers the search list.
  const validId = LIBRARY_ID_PATTERN.test(id);
  const [item, setItem] = useState<LibraryItemDto>();
  const [error, setError] = useState<{ message: string; missing: boolean }>();
  const [flash, setFlash] = useState<{ kind: 'success' | 'error'; text: string }>();

  const load = useCallback(async () => {
    setError(undefined);
    if (!validId) {
      setError({ message: '未找到该条目，链接可能不完整。请到政策问答库中查找。', missing: true });
      return;
    }
    try {
      setItem(await getLibraryItem(id));
    } catch (e) {
      setError({ message: e instanceof ApiError ? e.message : '加载失败，请稍后重试', missing: e instanceof ApiError && e.status === 404 });
    }
  }, [id, validId]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (item) Taro.setNavigationBarTitle({ title: item.kindLabel }).catch(() => undefined);
  }, [item]);

  if (!item) {
    return (
      <Screen>
        <Loading
          error={error?.message}
          action={
            error?.missing
              ? { label: '去政策问答库查找', onClick: () => void Taro.redirectTo({ url: pageUrl('librarySearch') }) }
              : { label: '重试', className: 'lib-detail__retry', onClick: () => void load() }
          }
        />
      </Screen>
    );
  }

  const isQa = item.kind === 'qa';
  return (
    <Screen>
      <View className='card lib-detail__head'>
        <Text className={`lib-kind lib-kind--${item.kind}`}>{item.kindLabel}</Text>
        <Text className='lib-detail__title' {...role('heading')} aria-level={1} user-select>
          {item.title}
        </Text>
        {isQa ? (
          <View>
            <MetaRow label='答复部门' value={item.issuer} />
            <MetaRow label='公开日期' value={formatDay(item.issuedAt)} />
          </View>
        ) : (
          <View>
            <MetaRow label='发文机关' value={item.issuer} />
            <MetaRow label='发布日期' value={formatDay(item.issuedAt)} />
            <MetaRow label='文号' value={item.docNo} />
          </View>
        )}
        {item.tags.length > 0 ? (
          <View className='lib-detail__tags' {...role('list')} aria-label='标签'>
            {item.tags.map((tag) => (
              <Text key={tag} className='lib-detail__tag' {...role('listitem')}>
                {tag}
              </Text>
            ))}
          </View>
        ) : null}
      </View>

      {flash ? (
        <View {...role('status')}>
          <Notice kind={flash.kind}>{flash.text}</Notice>
        </View>
      ) : null}

      {isQa ? (
        <View>
          <Section title='问题'>
            <View className='card'>
              <Text className='lib-detail__body lib-detail__question' user-select>
                {item.question ?? item.title}
              </Text>
            </View>
          </Section>
          <Section title='答复'>
            <View className='card'>
              <Text className='lib-detail__body lib-detail__answer' user-select>
                {item.answer ?? item.body}
              </Text>
            </View>
          </Section>
          <Text className='muted lib-detail__privacy'>提问人的姓名、电话、地址等个人信息已隐去。</Text>
        </View>
      ) : (
        <Section title='正文'>
          <View className='card'>
            <Text className='lib-detail__body' user-select>
              {item.body}
            </Text>
          </View>
        </Section>
      )}

      {isWebLink(item.sourceUrl) ? (
        <SourceLink url={item.sourceUrl} onCopied={(ok) => setFlash(ok ? { kind: 'success', text: '原文链接已复制' } : { kind: 'error', text: '没能复制，请长按上面的链接手动复制' })} />
      ) : null}

      <Section title='还有疑问？'>
        <Text className='muted'>以上内容供参考。您的情况不同或仍有疑问，可以提交咨询，由负责部门答复。</Text>
        <Btn kind='primary' className='lib-detail__ask' onClick={() => void openConsultationForm()}>
          提交咨询
        </Btn>
      </Section>
    </Screen>
  );
}

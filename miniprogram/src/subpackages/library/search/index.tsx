import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LIBRARY_KIND_LABELS, LIBRARY_LIMITS, charCount, type LibraryItemSummaryDto, type LibraryKind } from '@minsheng/shared';
import { Screen } from '../../../components/screen';
import { Btn, Choice, ChoiceGroup, Notice, Section, TextInput } from '../../../components/ui';
import { searchLibrary } from '../../../features/library/api';
import { LibraryItemCard } from '../../../features/library/components/library-item-card';
import { libraryItemUrl, openConsultationForm } from '../../../features/library/links';
import { role } from '../../../lib/a11y';
import { ApiError } from '../../../lib/request';
import './index.scss';

const PAGE_SIZE = 10;
const KINDS: { kind?: LibraryKind; label: string }[] = [
  { label: '全部' },
  { kind: 'policy', label: LIBRARY_KIND_LABELS.policy },
  { kind: 'qa', label: LIBRARY_KIND_LABELS.qa },
];

/** A query as echoed in the status line: the first 20 characters, then "…". */
const ECHO_MAX = 20;
function echoQuery(q: string): string {
  const chars = Array.from(q);
  return chars.length > ECHO_MAX ? `${chars.slice(0, ECHO_MAX).join('')}…` : q;
}
/** The input stops taking characters at the limit; say so before it does, not only after. */
const LIMIT_HINT_FROM = LIBRARY_LIMITS.queryMax - 50;

interface Shown {
  q: string;
  kind?: LibraryKind;
  items: LibraryItemSummaryDto[];
  total: number;
}

/** The policy library: search in plain words (or browse the newest), filter by kind, open an item. */
export default function LibrarySearchPage() {
  const [input, setInput] = useState('');
  const [kind, setKind] = useState<LibraryKind>();
  const [shown, setShown] = useState<Shown>();
  const [busy, setBusy] = useState<'new' | 'more'>();
  const [error, setError] = useState<{ message: string; retry: () => void }>();
  // Only the newest request may change the page: a slow earlier answer is dropped.
  const latest = useRef(0);

  const run = async (q: string, k: LibraryKind | undefined, more: boolean) => {
    const mine = ++latest.current;
    const offset = more && shown ? shown.items.length : 0;
    setBusy(more ? 'more' : 'new');
    setError(undefined);
    try {
      const res = await searchLibrary({ q, ...(k ? { kind: k } : {}), limit: PAGE_SIZE, offset });
      if (mine !== latest.current) return;
      setShown((prev) => {
        if (!more || !prev) return { q, ...(k ? { kind: k } : {}), items: res.items, total: res.total };
        // The library may change between pages: never show an item twice.
        const seen = new Set(prev.items.map((i) => i.id));
        return { ...prev, total: res.total, items: [...prev.items, ...res.items.filter((i) => !seen.has(i.id))] };
      });
    } catch (e) {
      if (mine !== latest.current) return;
      setError({ message: e instanceof ApiError ? e.message : '加载失败，请稍后重试', retry: () => void run(q, k, more) });
    } finally {
      if (mine === latest.current) setBusy(undefined);
    }
  };

  useEffect(() => {
    // Once, on opening: the newest items.
    void run('', undefined, false);
  }, []);

  const search = () => void run(input.trim(), kind, false);
  const chooseKind = (k: LibraryKind | undefined) => {
    setKind(k);
    // The filter applies to what was last searched for, not to half-typed words.
    void run(shown?.q ?? input.trim(), k, false);
  };

  const open = (item: LibraryItemSummaryDto) => void Taro.navigateTo({ url: libraryItemUrl(item.id) });

  return (
    <Screen>
      <View className='lib-search__head'>
        <Text className='lib-search__title' {...role('heading')} aria-level={1}>
          政策问答库
        </Text>
        <Text className='lib-search__intro'>政策文件和已经答复的咨询。用自己的话搜索，先查一查，也许已有答案。</Text>
      </View>

      <View className='lib-search__box' {...role('search')}>
        <TextInput
          className='lib-search__input'
          label='搜索政策和问答'
          value={input}
          onChange={setInput}
          maxlength={LIBRARY_LIMITS.queryMax}
          placeholder='例如：工资被拖欠了怎么办'
          confirmType='search'
          onConfirm={search}
        />
        {charCount(input) >= LIMIT_HINT_FROM ? (
          <Text className='muted lib-search__limit'>
            {charCount(input) >= LIBRARY_LIMITS.queryMax
              ? `最多 ${LIBRARY_LIMITS.queryMax} 字，已经写满，多出的字没有输入。写几个关键词就能搜到。`
              : `最多 ${LIBRARY_LIMITS.queryMax} 字，已输入 ${charCount(input)} 字。`}
          </Text>
        ) : null}
        <Btn kind='primary' className='lib-search__submit' onClick={search} loading={busy === 'new'}>
          搜索
        </Btn>
      </View>

      <ChoiceGroup label='内容类型' className='lib-search__kinds'>
        {KINDS.map((k) => (
          <Choice key={k.label} className='choice--lib-kind' selected={kind === k.kind} onSelect={() => chooseKind(k.kind)}>
            {k.label}
          </Choice>
        ))}
      </ChoiceGroup>

      {error ? (
        <View className='lib-search__error'>
          <Notice kind='error'>{error.message}</Notice>
          <Btn className='lib-search__retry' onClick={error.retry}>
            重试
          </Btn>
        </View>
      ) : null}

      {!shown ? (
        error ? null : (
          <Text className='muted' {...role('status')}>
            正在加载…
          </Text>
        )
      ) : (
        <Section className='lib-search__results'>
          {shown.items.length === 0 ? (
            // Nothing found: only this, never "找到 0 条" above it; what to try, and the way to ask.
            <View className='lib-search__empty'>
              <View {...role('status')}>
                <Notice kind='info' title={shown.q ? `没有找到与“${echoQuery(shown.q)}”相关的内容` : '问答库里还没有内容'}>
                  {shown.q
                    ? '可以换个说法再搜：少写几个字，只留关键词，比如“低保”“欠薪”“医保报销”。也可以直接提交咨询，由负责部门答复您。'
                    : '您可以直接提交咨询，由负责部门答复您。'}
                </Notice>
              </View>
              <Btn className='lib-search__ask' onClick={() => void openConsultationForm()}>
                提交咨询
              </Btn>
            </View>
          ) : (
            <Text className='lib-search__count' {...role('status')}>
              {shown.q ? `找到 ${shown.total} 条与“${echoQuery(shown.q)}”相关的内容` : `最新发布的政策和问答（共 ${shown.total} 条）`}
            </Text>
          )}
          {shown.items.length === 0 ? null : (
            <View {...role('list')} aria-label='搜索结果'>
              {shown.items.map((item) => (
                <View key={item.id} {...role('listitem')}>
                  <LibraryItemCard item={item} onOpen={() => open(item)} />
                </View>
              ))}
            </View>
          )}
          {shown.items.length < shown.total ? (
            <Btn className='lib-search__more' onClick={() => void run(shown.q, shown.kind, true)} loading={busy === 'more'}>
              加载更多（还有 {shown.total - shown.items.length} 条）
            </Btn>
          ) : null}
          {shown.items.length > 0 ? (
            <View className='lib-search__footer'>
              <Text className='muted'>没有找到您要的答案？</Text>
              <Btn className='lib-search__ask-footer' onClick={() => void openConsultationForm()}>
                提交咨询，由负责部门答复
              </Btn>
            </View>
          ) : null}
        </Section>
      )}
    </Screen>
  );
}

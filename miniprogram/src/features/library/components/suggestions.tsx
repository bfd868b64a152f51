import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LibraryItemSummaryDto } from '@minsheng/shared';
import { role } from '../../../lib/a11y';
import { libraryItemUrl } from '../links';
import { LibraryItemCard } from './library-item-card';

/**
 * Answered questions and policies close to what is being typed, under the consultation form.
 * Opening one keeps the form below it (navigateTo), so coming back finds the draft as it was.
 */
export function Suggestions({ items }: { items: LibraryItemSummaryDto[] }) {
  if (items.length === 0) return null;
  return (
    <View className='suggest' {...role('region')} aria-label='这些回答也许能解决您的问题'>
      <Text className='suggest__title' {...role('heading')} aria-level={3}>
        这些回答也许能解决您的问题
      </Text>
      <Text className='suggest__note'>点开查看，看完返回可以继续填写，已填的内容不会丢失。</Text>
      {items.map((item) => (
        <LibraryItemCard key={item.id} className='suggest__item' item={item} onOpen={() => void Taro.navigateTo({ url: libraryItemUrl(item.id) })} />
      ))}
    </View>
  );
}

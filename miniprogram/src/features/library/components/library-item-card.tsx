import { Text, View } from '@tarojs/components';
import type { LibraryItemSummaryDto } from '@minsheng/shared';
import { keyboardTappable, role } from '../../../lib/a11y';
import { formatDay } from '../../../lib/format';
import { Highlighted } from './highlighted';

/**
 * One policy or answered question in a list: kind, title, who and when, and the snippet, searched
 * words emphasised. A link named by its whole visible text (axe: label-content-name-mismatch).
 */
export function LibraryItemCard({ item, onOpen, className }: { item: LibraryItemSummaryDto; onOpen: () => void; className?: string }) {
  const meta = [item.issuer, formatDay(item.issuedAt), item.docNo].filter(Boolean).join(' · ');
  return (
    <View
      className={`lib-card${className ? ` ${className}` : ''}`}
      onClick={onOpen}
      {...role('link')}
      {...keyboardTappable(onOpen)}
    >
      <Text className={`lib-kind lib-kind--${item.kind}`}>{item.kindLabel}</Text>
      <Highlighted className='lib-card__title' text={item.title} words={item.highlights} />
      {meta ? <Text className='lib-card__meta'>{meta}</Text> : null}
      {item.snippet ? <Highlighted className='lib-card__snippet' text={item.snippet} words={item.highlights} /> : null}
    </View>
  );
}

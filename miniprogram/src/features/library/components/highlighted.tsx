import { Text } from '@tarojs/components';
import { splitHighlights } from '../highlight';

/** Text with the searched words emphasised: plain text segments, never HTML. */
export function Highlighted({ text, words, className }: { text: string; words?: readonly string[]; className?: string }) {
  return (
    <Text className={className}>
      {splitHighlights(text, words).map((s, i) =>
        s.hit ? (
          <Text key={i} className='lib-hl'>
            {s.text}
          </Text>
        ) : (
          <Text key={i}>{s.text}</Text>
        ),
      )}
    </Text>
  );
}

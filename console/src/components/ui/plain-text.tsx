import type { CSSProperties } from 'react';

/**
 * What a citizen (or an official) typed, shown exactly as text: React escapes it, line breaks are
 * kept by CSS. Never HTML: nothing in the console renders raw HTML (console/test/no-html.test.ts checks).
 */
export function PlainText({ text, className, style }: { text: string | undefined; className?: string; style?: CSSProperties }) {
  return (
    <div className={['plain-text', className].filter(Boolean).join(' ')} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', ...style }}>
      {text ?? ''}
    </div>
  );
}

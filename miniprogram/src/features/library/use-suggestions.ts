import { useEffect, useRef, useState } from 'react';
import type { LibraryItemSummaryDto } from '@minsheng/shared';
import { searchLibrary } from './api';
import { SUGGEST_LIMIT, createSuggester, type Suggester } from './suggest';

/** Library items that may already answer `query` (undefined: none wanted), kept while the page lives. */
export function useSuggestions(query: string | undefined): LibraryItemSummaryDto[] {
  const [items, setItems] = useState<LibraryItemSummaryDto[]>([]);
  const suggester = useRef<Suggester>();
  if (!suggester.current) {
    suggester.current = createSuggester({ search: (q) => searchLibrary({ q, limit: SUGGEST_LIMIT }, 8_000), onResult: setItems });
  }
  useEffect(() => suggester.current!.update(query), [query]);
  useEffect(() => () => suggester.current?.dispose(), []);
  return items;
}

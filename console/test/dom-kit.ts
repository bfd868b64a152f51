/** Helpers for the console's jsdom page tests (not a test file itself). */
import { act } from 'react';

/** Wait (1,000 tries, ≥ 10 s, letting React render between them) until `probe` returns something; fails saying what the page shows. */
export async function until<T>(probe: () => T | undefined | null | false, what = 'the page'): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const v = probe();
    if (v) return v;
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
  throw new Error(`timed out waiting for ${what}; the page shows: ${document.body.textContent}`);
}

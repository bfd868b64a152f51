import type { ReactNode } from 'react';

/**
 * A wide table that may scroll sideways on a narrow screen, in a region keyboard users can focus
 * and scroll (antd's own `scroll` container is not focusable, which axe reports as serious).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

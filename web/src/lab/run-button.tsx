/** A job card's run button (disabled while its job runs). */

import type { ComponentChildren } from 'preact';

export function RunButton(p: {
  running: boolean;
  onRun: () => void;
  testId?: string;
  children: ComponentChildren;
}) {
  return (
    <button type="button" class="primary" disabled={p.running} onClick={p.onRun} data-testid={p.testId}>
      {p.children}
    </button>
  );
}

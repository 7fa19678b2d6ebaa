/** The note over a lab result computed for an earlier problem, schedule or path. */

export function StaleNote(p: { stale: boolean; testId?: string }) {
  if (!p.stale) return null;
  return (
    <p class="warning" data-testid={p.testId ?? 'stale-note'}>
      Stale: computed for an earlier problem, schedule or path. Run again to update.
    </p>
  );
}

/** Download links of a finished job: its result as JSON and CSV, and its samples as a dimod SampleSet. */

export function Downloads(p: { id: string; csv?: boolean; sampleSet?: boolean }) {
  return (
    <p class="downloads small">
      Download:{' '}
      <a href={`/api/jobs/${p.id}/result`} download="result.json">
        JSON
      </a>
      {p.csv && (
        <>
          {' · '}
          <a href={`/api/jobs/${p.id}/result.csv`} download>
            CSV
          </a>
        </>
      )}
      {p.sampleSet && (
        <>
          {' · '}
          <a href={`/api/jobs/${p.id}/sampleset.json`} download>
            dimod SampleSet JSON
          </a>
        </>
      )}
    </p>
  );
}

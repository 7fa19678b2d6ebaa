/** A loaded problem in brief: name, format, size, a dimod JSON download and its h and J as a matrix. */

import { MatrixView } from '../components/matrix-view';
import type { ProblemSummary } from './problem';

export function ProblemSummaryView({ problem }: { problem: ProblemSummary }) {
  return (
    <div>
      <p>
        <strong>{problem.name}</strong> · {problem.format} · {problem.vartype} · n = {problem.numVariables},{' '}
        {problem.numInteractions} interactions ·{' '}
        <a href={`/api/problems/${problem.id}/dimod.json`} download="problem.dimod.json">
          download dimod JSON
        </a>
      </p>
      {problem.h && problem.J && (
        <MatrixView labels={problem.labels} h={problem.h} J={problem.J} title="h and J" />
      )}
    </div>
  );
}

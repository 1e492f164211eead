import { RunView } from '@testhealth/backstage-plugin-test-health-common';

/** The runs of one branch, oldest first, as the timeline draws them. */
export interface BranchLane {
  branch: string;
  runs: RunView[];
}

/**
 * The runs of a test as lanes by branch, oldest run first in each lane, the lane with the latest
 * run first: the default branch is usually the busiest, but the latest trouble matters more.
 * Runs without a branch go to a lane named `(no branch)`.
 */
export function lanesByBranch(runs: RunView[]): BranchLane[] {
  const lanes = new Map<string, RunView[]>();
  // ISO-8601 instants of one format order as strings.
  const sorted = [...runs].sort((a, b) =>
    a.startedAt.localeCompare(b.startedAt),
  );
  for (const run of sorted) {
    const branch = run.branch || '(no branch)';
    lanes.set(branch, [...(lanes.get(branch) ?? []), run]);
  }
  return [...lanes.entries()]
    .map(([branch, laneRuns]) => ({ branch, runs: laneRuns }))
    .sort((a, b) => {
      const lastA = a.runs[a.runs.length - 1].startedAt;
      const lastB = b.runs[b.runs.length - 1].startedAt;
      return lastB.localeCompare(lastA);
    });
}

/** A run's attempts in words: `failed, then passed` for a run that passed on its retry. */
export function attemptsText(run: RunView): string {
  if (run.attempts.length <= 1) {
    return run.attempts[0]?.status ?? run.outcome;
  }
  return run.attempts.map(a => a.status).join(', then ');
}

/** Counts of outcomes over runs, for the timeline's legend (`passed`, `flaky`, `failed`, ...). */
export function outcomeCounts(runs: RunView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const run of runs) {
    counts[run.outcome] = (counts[run.outcome] ?? 0) + 1;
  }
  return counts;
}

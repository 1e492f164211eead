import { RunView } from '@testhealth/backstage-plugin-test-health-common';
import { attemptsText, lanesByBranch, outcomeCounts } from './runTimeline';

function run(
  runId: string,
  branch: string,
  startedAt: string,
  outcome: string,
  attempts: string[] = [outcome === 'flaky' ? 'failed' : outcome],
): RunView {
  return {
    runId,
    pipeline: runId,
    job: 'unit',
    attempt: 1,
    environment: '',
    branch,
    commit: `c${runId}`,
    startedAt,
    runUrl: '',
    invocation: '',
    outcome,
    durationSeconds: 1,
    costSeconds: 1,
    failureType: '',
    failureMessage: '',
    attempts: attempts.map((status, i) => ({
      number: i + 1,
      status,
      durationSeconds: 1,
      failureType: '',
      failureMessage: '',
    })),
  };
}

// Newest first, as the collector answers.
const runs = [
  run('5', 'feature/x', '2026-12-05T10:00:00Z', 'failed'),
  run('4', 'main', '2026-12-04T10:00:00Z', 'flaky', ['failed', 'passed']),
  run('3', '', '2026-12-03T10:00:00Z', 'passed'),
  run('2', 'main', '2026-12-02T10:00:00Z', 'passed'),
  run('1', 'feature/x', '2026-12-01T10:00:00Z', 'passed'),
];

describe('the run timeline', () => {
  it('has a lane per branch, oldest run first, the lane of the latest run first', () => {
    expect(
      lanesByBranch(runs).map(l => [l.branch, l.runs.map(r => r.runId)]),
    ).toEqual([
      ['feature/x', ['1', '5']],
      ['main', ['2', '4']],
      ['(no branch)', ['3']],
    ]);
  });

  it('says the attempts of a run and counts outcomes', () => {
    expect(attemptsText(runs[1])).toBe('failed, then passed');
    expect(attemptsText(runs[2])).toBe('passed');
    expect(outcomeCounts(runs)).toEqual({ failed: 1, flaky: 1, passed: 3 });
  });
});

import {
  Check,
  DurationRegression,
  ObservedLayerView,
  TestRow,
} from '@testhealth/backstage-plugin-test-health-common';
import { ciTime, count, duration, times } from './format';

/**
 * What happened to a test, in one sentence a person reads before any statistic: the counts come
 * from its row, the window from the scorecard. The collector's own reasons (with the score and its
 * interval) stay available as detail.
 */
export function whatHappened(test: TestRow, windowDays: number): string {
  const window = `in ${windowDays} days`;
  switch (test.state) {
    case 'flaky':
      return test.flakyRuns > 0
        ? `Failed, then passed on a re-run of the same commit, ${times(test.flakyRuns)} ${window} (${count(test.runs, 'run')}).`
        : `Still counted as flaky from earlier runs: none of its ${count(test.runs, 'run')} ${window} failed then passed.`;
    case 'broken':
      return `Failed in ${test.failedRuns} of its ${count(test.runs, 'run')} ${window}, re-runs did not help.`;
    case 'fixed':
      return `Was unreliable, now passes: ${count(test.runs, 'run')} ${window}, ${test.failedRuns} failed, ${test.flakyRuns} flaky.`;
    case 'new':
      return `New: ran ${times(test.runs)} so far, too few to judge.`;
    case 'stale':
      return test.lastRunAt
        ? `Has not run since ${test.lastRunAt.slice(0, 10)}.`
        : 'Has not run in the window.';
    case 'healthy':
    default:
      return test.failedRuns === 0 && test.flakyRuns === 0
        ? `Passed all ${count(test.runs, 'run')} ${window}.`
        : `Ran ${count(test.runs, 'time')} ${window}: ${test.failedRuns} failed, ${test.flakyRuns} flaky.`;
  }
}

/**
 * The CI time a test cost in its failed attempts and retries, with the runs it comes from, e.g.
 * `2.5 CI h in 6 runs`: time alone cannot say whether one run hung or many were retried. The time
 * includes its share of the job re-runs its failures caused (docs/metrics.md, "Impact"). The
 * pipelines it failed on its own are said too.
 */
export function timeLostText(test: {
  timeLostSeconds: number;
  flakyRuns: number;
  failedRuns?: number;
  pipelinesBrokenAlone?: number;
}): string {
  const runs = test.flakyRuns + (test.failedRuns ?? 0);
  const broke = test.pipelinesBrokenAlone ?? 0;
  const lost =
    test.timeLostSeconds > 0
      ? `${ciTime(test.timeLostSeconds)}${runs > 0 ? ` in ${count(runs, 'run')}` : ''}`
      : 'none';
  return broke > 0
    ? `${lost}; failed ${count(broke, 'pipeline')} on its own`
    : lost;
}

/** Checks to show: failing first (then those without enough data), each group in the scorecard's order. */
export function failingFirst(checks: Check[]): Check[] {
  const ranks: Record<string, number> = { fail: 0, insufficient_data: 1 };
  const rank = (c: Check) => ranks[c.status] ?? 2;
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(x => x.c);
}

/** A check's explanation in parts: what happened, the examples it lists, and the verdict against the thresholds. */
export interface ExplanationParts {
  /** What happened, in a sentence (`32 of 209 job runs had a flaky test run (15.3%).`). */
  sentence: string;
  /** The tests, job runs or pipelines it lists as examples. */
  items: string[];
  /** Whether the collector cut the list (`…`): there are more than {@link ExplanationParts.items}. */
  more: boolean;
  /** The level reached and the next threshold (`Below Bronze; Bronze needs ≤ 3.0%.`), or empty. */
  verdict: string;
}

const VERDICT = /^(.*?)\s*((?:Meets|Below) (?:Gold|Silver|Bronze)\b.*)$/s;

/**
 * Splits the collector's check explanation (`sentence: item, item, …. Verdict.`) so that the
 * sentence leads, the list collapses behind its count and the thresholds go to a tooltip.
 */
export function splitExplanation(explanation: string): ExplanationParts {
  const verdictMatch = VERDICT.exec(explanation);
  const body = verdictMatch ? verdictMatch[1] : explanation;
  const verdict = verdictMatch ? verdictMatch[2] : '';
  const colon = body.indexOf(': ');
  if (colon < 0) {
    return { sentence: body, items: [], more: false, verdict };
  }
  const list = body.slice(colon + 2).replace(/\.$/, '');
  const items = list
    .split(', ')
    .map(i => i.trim())
    .filter(i => i.length > 0);
  const more = items.length > 0 && items[items.length - 1] === '…';
  if (items.length < 2) {
    // One clause after a colon is part of the sentence, not a list.
    return { sentence: body, items: [], more: false, verdict };
  }
  return {
    sentence: `${body.slice(0, colon)}.`,
    items: more ? items.slice(0, -1) : items,
    more,
    verdict,
  };
}

/** A sustained rise of a test's duration, in a sentence; the statistics go to a tooltip. */
export function regressionText(r: DurationRegression): string {
  const since = r.startedAt ? ` (${r.startedAt.slice(0, 10)})` : '';
  return `Runs ${r.ratio.toFixed(1)}× slower since commit ${r.startedAtCommit.slice(0, 8)}${since}: median ${duration(r.beforeMedianSeconds)} before, ${duration(r.afterMedianSeconds)} after.`;
}

/**
 * The layer a test's spans showed, said beside its declared layer: where it came from, and whether
 * the two disagree. Without trace data for the test, "not observed": absent spans say nothing.
 */
export function observedLayerText(
  observed: ObservedLayerView | null | undefined,
  declared: string | null | undefined,
): { layer: string; detail: string; disagrees: boolean } {
  if (!observed) {
    return {
      layer: 'not observed',
      detail: 'no trace data for this test',
      disagrees: false,
    };
  }
  const from = [
    observed.runs > 0 ? count(observed.runs, 'run') : null,
    observed.edges > 0 ? count(observed.edges, 'integration edge') : null,
  ]
    .filter(Boolean)
    .join(' and ');
  const why =
    observed.layer === 'unknown'
      ? 'its spans show no call, and nothing says its calls would have been recorded'
      : observed.evidence.join(', ');
  const disagrees =
    observed.layer !== 'unknown' &&
    !!declared &&
    declared !== 'unknown' &&
    declared !== observed.layer;
  return {
    layer: observed.layer,
    detail: `from the trace data of ${from}${why ? `: ${why}` : ''}`,
    disagrees,
  };
}

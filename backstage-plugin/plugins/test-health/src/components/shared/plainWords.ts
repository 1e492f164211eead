import {
  Check,
  DurationRegression,
  ObservedLayerView,
  TestRow,
} from '@testhealth/backstage-plugin-test-health-common';
import { TestHealthTranslate } from '../../translation';
import { ciTime, count, duration, times } from './format';

/**
 * What happened to a test, in one sentence a person reads before any statistic: the counts come
 * from its row, the window from the scorecard. The collector's own reasons (with the score and its
 * interval) stay available as detail.
 */
export function whatHappened(
  t: TestHealthTranslate,
  test: TestRow,
  windowDays: number,
): string {
  const window = t('plainWords.window', { days: String(windowDays) });
  const runs = count(test.runs, 'run');
  const failed = String(test.failedRuns);
  const flaky = String(test.flakyRuns);
  switch (test.state) {
    case 'flaky':
      return test.flakyRuns > 0
        ? t('plainWords.flakyRetried', {
            times: times(test.flakyRuns),
            window,
            runs,
          })
        : t('plainWords.flakyEarlier', { runs, window });
    case 'broken':
      return t('plainWords.broken', { failed, runs, window });
    case 'fixed':
      return t('plainWords.fixed', { runs, window, failed, flaky });
    case 'new':
      return t('plainWords.new', { times: times(test.runs) });
    case 'stale':
      return test.lastRunAt
        ? t('plainWords.staleSince', { date: test.lastRunAt.slice(0, 10) })
        : t('plainWords.stale');
    case 'healthy':
    default:
      return test.failedRuns === 0 && test.flakyRuns === 0
        ? t('plainWords.healthy', { runs, window })
        : t('plainWords.mixed', {
            times: count(test.runs, 'time'),
            window,
            failed,
            flaky,
          });
  }
}

/**
 * The CI time a test cost in its failed attempts and retries, with the runs it comes from, e.g.
 * `2.5 CI h in 6 runs`: time alone cannot say whether one run hung or many were retried. The time
 * includes its share of the job re-runs its failures caused (docs/metrics.md, "Impact"). The
 * pipelines it failed on its own are said too.
 */
export function timeLostText(
  t: TestHealthTranslate,
  test: {
    timeLostSeconds: number;
    flakyRuns: number;
    failedRuns?: number;
    pipelinesBrokenAlone?: number;
  },
): string {
  const runs = test.flakyRuns + (test.failedRuns ?? 0);
  const broke = test.pipelinesBrokenAlone ?? 0;
  let lost: string = t('plainWords.timeLostNone');
  if (test.timeLostSeconds > 0) {
    lost =
      runs > 0
        ? t('plainWords.timeLostIn', {
            time: ciTime(test.timeLostSeconds),
            runs: count(runs, 'run'),
          })
        : ciTime(test.timeLostSeconds);
  }
  return broke > 0
    ? t('plainWords.brokeAlone', {
        lost,
        pipelines: count(broke, 'pipeline'),
      })
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
export function regressionText(
  t: TestHealthTranslate,
  r: DurationRegression,
): string {
  const words = {
    ratio: r.ratio.toFixed(1),
    commit: r.startedAtCommit.slice(0, 8),
    before: duration(r.beforeMedianSeconds),
    after: duration(r.afterMedianSeconds),
  };
  return r.startedAt
    ? t('plainWords.regressionSince', {
        ...words,
        date: r.startedAt.slice(0, 10),
      })
    : t('plainWords.regression', words);
}

/**
 * The layer a test's spans showed, said beside its declared layer: where it came from, and whether
 * the two disagree. Without trace data for the test, "not observed": absent spans say nothing.
 */
export function observedLayerText(
  t: TestHealthTranslate,
  observed: ObservedLayerView | null | undefined,
  declared: string | null | undefined,
): { layer: string; detail: string; disagrees: boolean } {
  if (!observed) {
    return {
      layer: t('plainWords.notObserved'),
      detail: t('plainWords.noTraceData'),
      disagrees: false,
    };
  }
  const sources = [
    observed.runs > 0 ? count(observed.runs, 'run') : null,
    observed.edges > 0 ? count(observed.edges, 'integration edge') : null,
  ].filter((s): s is string => s !== null);
  const from =
    sources.length === 2
      ? t('plainWords.and', { first: sources[0], second: sources[1] })
      : sources.join('');
  const why =
    observed.layer === 'unknown'
      ? t('plainWords.noCall')
      : observed.evidence.join(', ');
  const disagrees =
    observed.layer !== 'unknown' &&
    !!declared &&
    declared !== 'unknown' &&
    declared !== observed.layer;
  return {
    layer: observed.layer,
    detail: why
      ? t('plainWords.observedFromWhy', { from, why })
      : t('plainWords.observedFrom', { from }),
    disagrees,
  };
}

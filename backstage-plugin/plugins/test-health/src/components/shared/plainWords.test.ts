import {
  Check,
  TestRow,
} from '@testhealth/backstage-plugin-test-health-common';
import { mockApis } from '@backstage/frontend-test-utils';
import { testHealthTranslationRef } from '../../translation';
import { ciTime, duration, signed, splitReasons, windowDays } from './format';
import {
  failingFirst,
  regressionText,
  splitExplanation,
  timeLostText,
  whatHappened,
} from './plainWords';

/** The plugin's English words, as an app without overrides has them. */
const english = mockApis.translation().getTranslation(testHealthTranslationRef);
if (!english.ready) throw new Error('the English messages are built in');
const { t } = english;

function row(over: Partial<TestRow>): TestRow {
  return {
    testId: 't',
    suite: 'com.acme.CartTest',
    name: 'total',
    layer: 'unit',
    state: 'healthy',
    reasons: [],
    flakinessScore: null,
    lower: null,
    upper: null,
    flakyRuns: 0,
    runs: 0,
    failedRuns: 0,
    timeLostSeconds: 0,
    pipelinesBrokenAlone: 0,
    p50Seconds: null,
    p95Seconds: null,
    footprintSeconds: 0,
    lastRunAt: null,
    lastFlakyAt: null,
    owner: null,
    quarantined: false,
    durationRegression: null,
    ...over,
  };
}

function check(id: string, status: Check['status']): Check {
  return {
    id,
    name: id,
    value: null,
    unit: 'ratio',
    threshold: { better: 'lower', bronze: 0.1, silver: 0.05, gold: 0.01 },
    status,
    level: 'none',
    explanation: '',
  };
}

describe('ciTime: CI time in the unit people budget it in', () => {
  it.each([
    [0, 'none'],
    [0.045, '< 1 s'],
    [42.4, '42 s'],
    [150, '3 min'], // 2.5 min rounds to 3
    [3599, '60 min'],
    [5400, '1.5 CI h'],
    [36000 + 1800, '11 CI h'], // 10.5 h rounds to 11
  ])('%p seconds are %p', (seconds, text) => {
    expect(ciTime(seconds)).toBe(text);
  });

  it('never says "0 ms" of a duration that took time', () => {
    expect(duration(0.0004)).toBe('< 1 ms');
    expect(duration(0.045)).toBe('45 ms');
    expect(duration(0)).toBe('0 s');
  });
});

describe('whatHappened: a test in a sentence', () => {
  it('says how often a flaky test failed then passed on the same commit', () => {
    expect(
      whatHappened(t, row({ state: 'flaky', flakyRuns: 4, runs: 62 }), 28),
    ).toBe(
      'Failed, then passed on a re-run of the same commit, 4 times in 28 days (62 runs).',
    );
    expect(
      whatHappened(t, row({ state: 'flaky', flakyRuns: 1, runs: 1 }), 14),
    ).toBe(
      'Failed, then passed on a re-run of the same commit, once in 14 days (1 run).',
    );
  });

  it('says when a test counted as flaky did not flake in the window', () => {
    expect(
      whatHappened(t, row({ state: 'flaky', flakyRuns: 0, runs: 65 }), 28),
    ).toBe(
      'Still counted as flaky from earlier runs: none of its 65 runs in 28 days failed then passed.',
    );
  });

  it('says how many runs of a broken test failed', () => {
    expect(
      whatHappened(t, row({ state: 'broken', failedRuns: 9, runs: 11 }), 28),
    ).toBe('Failed in 9 of its 11 runs in 28 days, re-runs did not help.');
  });

  it('says a healthy test passed every run', () => {
    expect(whatHappened(t, row({ state: 'healthy', runs: 30 }), 28)).toBe(
      'Passed all 30 runs in 28 days.',
    );
    expect(whatHappened(t, row({ state: 'new', runs: 2 }), 28)).toBe(
      'New: ran twice so far, too few to judge.',
    );
  });
});

describe('timeLostText: time lost with the runs it comes from', () => {
  it('says the CI hours and the runs', () => {
    // 2 h 30 min = 9000 s, in 4 flaky and 2 failed runs.
    expect(
      timeLostText(
        t,
        row({ timeLostSeconds: 9000, flakyRuns: 4, failedRuns: 2 }),
      ),
    ).toBe('2.5 CI h in 6 runs');
  });

  it('names the pipelines a test failed on its own beside its time', () => {
    expect(
      timeLostText(
        t,
        row({ timeLostSeconds: 0.045, flakyRuns: 3, pipelinesBrokenAlone: 7 }),
      ),
    ).toBe('< 1 s in 3 runs; failed 7 pipelines on its own');
    expect(timeLostText(t, row({}))).toBe('none');
  });
});

describe('checks and their explanations', () => {
  it('lists failing checks first, then those without data, each in the scorecard order', () => {
    const checks = [
      check('a', 'pass'),
      check('b', 'fail'),
      check('c', 'insufficient_data'),
      check('d', 'fail'),
      check('e', 'pass'),
    ];
    expect(failingFirst(checks).map(c => c.id)).toEqual([
      'b',
      'd',
      'c',
      'a',
      'e',
    ]);
  });

  it('splits an explanation into its sentence, its list and its verdict', () => {
    const parts = splitExplanation(
      '8 of 68 pipelines failed only because of flaky tests (11.8%): pipeline 1187, pipeline 1189, pipeline 1223, pipeline 1225, pipeline 1272, …. Below Bronze; Bronze needs ≤ 5.0%.',
    );
    expect(parts).toEqual({
      sentence: '8 of 68 pipelines failed only because of flaky tests (11.8%).',
      items: [
        'pipeline 1187',
        'pipeline 1189',
        'pipeline 1223',
        'pipeline 1225',
        'pipeline 1272',
      ],
      more: true,
      verdict: 'Below Bronze; Bronze needs ≤ 5.0%.',
    });
  });

  it('keeps a sentence without a list whole, and its verdict apart', () => {
    expect(
      splitExplanation(
        'The median wall time of E2E job runs is 16.9 min over 68 runs. Meets Silver; Gold needs ≤ 15 min.',
      ),
    ).toEqual({
      sentence:
        'The median wall time of E2E job runs is 16.9 min over 68 runs.',
      items: [],
      more: false,
      verdict: 'Meets Silver; Gold needs ≤ 15 min.',
    });
    expect(splitExplanation('No test is quarantined.')).toEqual({
      sentence: 'No test is quarantined.',
      items: [],
      more: false,
      verdict: '',
    });
  });

  it('puts the statistics of reasons apart from the plain ones', () => {
    expect(
      splitReasons([
        'passed on retry in 4 runs, last in pipeline 1391',
        'last flaky run on 2026-11-25 in pipeline 1391; 4 clean runs since, 80 needed: max(10, ⌈3 / S⌉) with S = 0.0378 when it last flaked',
        'score 3.7% (95% interval 1.1% to 7.6%) from 4 flaky of 73 runs',
      ]),
    ).toEqual({
      plain: ['passed on retry in 4 runs, last in pipeline 1391'],
      detail: [
        'last flaky run on 2026-11-25 in pipeline 1391; 4 clean runs since, 80 needed: max(10, ⌈3 / S⌉) with S = 0.0378 when it last flaked',
        'score 3.7% (95% interval 1.1% to 7.6%) from 4 flaky of 73 runs',
      ],
    });
  });
});

describe('small words', () => {
  it('reads the window and signs changes', () => {
    expect(windowDays('14d')).toBe(14);
    expect(windowDays(undefined)).toBe(28);
    expect(signed(2)).toBe('+2');
    expect(signed(-0.15, 1)).toBe('−0.1'); // toFixed(1) of 0.15 is 0.1 in binary floating point
    expect(signed(0.04, 1)).toBe('±0.0');
  });

  it('says a duration regression in a sentence', () => {
    expect(
      regressionText(t, {
        beforeMedianSeconds: 1.2,
        afterMedianSeconds: 2.7,
        ratio: 2.25,
        pValue: 0.001,
        startedAtCommit: 'abcdef0123456789',
        startedAt: '2026-11-20T10:00:00Z',
      }),
    ).toBe(
      'Runs 2.3× slower since commit abcdef01 (2026-11-20): median 1.2 s before, 2.7 s after.',
    );
  });
});

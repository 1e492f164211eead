// Stats are coloured by their check's thresholds. Grafana colours a value by the last step whose value it reaches;
// the expected colours below are read off thresholds-v1.yml by hand.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { check, checks, medalThresholds, MEDAL } from '../src/checks.js';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

/** The colour Grafana gives a value: the last step whose value is null (the base) or at most the value. */
function colourOf(value: number, steps: dashboard.Threshold[]): string {
    let colour = steps[0].color;
    for (const s of steps) {
        if (s.value === null || value >= s.value) {
            colour = s.color;
        }
    }
    return colour;
}

test('a failing flaky run rate is red, a Gold one gold (lower is better: 0.005 / 0.015 / 0.03)', () => {
    const steps = medalThresholds(check('flaky-run-rate')).build().steps;
    assert.equal(colourOf(0.04, steps), MEDAL.none, '4% of runs flaky is past Bronze (3%)');
    assert.equal(colourOf(0.02, steps), MEDAL.bronze, '2% is within Bronze (3%) but not Silver (1.5%)');
    assert.equal(colourOf(0.01, steps), MEDAL.silver, '1% is within Silver (1.5%) but not Gold (0.5%)');
    assert.equal(colourOf(0.001, steps), MEDAL.gold);
});

test('a default-branch pass rate is coloured upwards (higher is better: 0.90 / 0.95 / 0.98)', () => {
    const steps = medalThresholds(check('default-branch-pass-rate')).build().steps;
    assert.equal(colourOf(0.85, steps), MEDAL.none);
    assert.equal(colourOf(0.90, steps), MEDAL.bronze, 'at least 90% is Bronze');
    assert.equal(colourOf(0.97, steps), MEDAL.silver);
    assert.equal(colourOf(0.99, steps), MEDAL.gold);
});

test('a PR feedback time in seconds is judged against thresholds in minutes (10 / 20 / 30 min)', () => {
    const seconds = check('pr-feedback-time').scaled(60, 's');
    assert.equal(seconds.grafanaUnit, 's');
    const steps = medalThresholds(seconds).build().steps;
    assert.equal(colourOf(25 * 60, steps), MEDAL.bronze, '25 min is within Bronze (30) but not Silver (20)');
    assert.equal(colourOf(31 * 60, steps), MEDAL.none);
    assert.equal(colourOf(5 * 60, steps), MEDAL.gold);
});

test('every check of the thresholds file is read, with its unit', () => {
    const ids = checks().map(c => c.id);
    assert.equal(ids.length, 10);
    assert.ok(ids.includes('classification-ownership-coverage'));
    assert.equal(check('flake-age').grafanaUnit, 'd');
    assert.equal(check('e2e-duration').grafanaUnit, 'm');
    assert.equal(check('flaky-test-ratio').grafanaUnit, 'percentunit');
});

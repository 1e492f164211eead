// The scorecard checks and their Bronze/Silver/Gold thresholds, read from the collector's own thresholds file so that
// a panel's colours change when a threshold does (one place per rule).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { REPOSITORY } from './paths.js';

/** The collector's thresholds, relative to the repository root. */
export const THRESHOLDS_FILE = 'collector/src/main/resources/scorecards/thresholds-v1.yml';

/** Medal colours: the same as the level mappings (panels.ts imports these). */
export const MEDAL = { none: 'red', bronze: '#CD7F32', silver: '#A6A6A6', gold: '#E0B400' } as const;

interface RawCheck { name: string; unit: 'ratio' | 'days' | 'minutes'; better: 'lower' | 'higher'; bronze: number; silver: number; gold: number }

export class Check {
    /** Grafana's unit for the check's value as the collector exposes it (check_value keeps the check's unit). */
    readonly grafanaUnit: string;

    constructor(readonly id: string, readonly name: string, readonly unit: RawCheck['unit'],
                readonly better: RawCheck['better'], readonly bronze: number, readonly silver: number,
                readonly gold: number, grafanaUnit?: string) {
        // Top-heaviness is a ratio of shares, not a share itself: a plain number reads better than a percentage.
        this.grafanaUnit = grafanaUnit
            ?? { ratio: id === 'pyramid-top-heaviness' ? 'none' : 'percentunit', days: 'd', minutes: 'm' }[unit];
    }

    /** The thresholds in one sentence, for panel descriptions. */
    explain(): string {
        const op = this.better === 'lower' ? 'at most' : 'at least';
        return `Gold ${op} ${this.gold}, Silver ${this.silver}, Bronze ${this.bronze} (${this.unit})`;
    }

    /** The same check on a metric in another unit (a wall time in seconds against minutes): thresholds scaled. */
    scaled(factor: number, grafanaUnit: string): Check {
        return new Check(this.id, this.name, this.unit, this.better, this.bronze * factor, this.silver * factor,
            this.gold * factor, grafanaUnit);
    }
}

let loaded: Check[] | undefined;

/** Every check of the thresholds file, in its order. */
export function checks(): Check[] {
    if (!loaded) {
        const file = parse(readFileSync(new URL(THRESHOLDS_FILE, REPOSITORY), 'utf-8')) as { checks: Record<string, RawCheck> };
        loaded = Object.entries(file.checks).map(([id, c]) =>
            new Check(id, c.name, c.unit, c.better, c.bronze, c.silver, c.gold));
    }
    return loaded;
}

export function check(id: string): Check {
    const found = checks().find(c => c.id === id);
    if (!found) {
        throw new Error(`no check ${id} in ${THRESHOLDS_FILE}`);
    }
    return found;
}

/**
 * Grafana colours a value by the last step it reaches (value >= step). A check whose higher values are better maps
 * directly: red below Bronze, then Bronze, Silver, Gold. One whose lower values are better runs the other way: Gold
 * below the Gold threshold, and so on up to red past Bronze. Grafana's steps are inclusive at their start, so a value
 * exactly on a lower-is-better threshold shows the next level down's colour (the scorecard counts it as passing).
 */
export function medalThresholds(check: Check): dashboard.ThresholdsConfigBuilder {
    const steps: dashboard.Threshold[] = check.better === 'higher'
        ? [{ value: null, color: MEDAL.none }, { value: check.bronze, color: MEDAL.bronze },
            { value: check.silver, color: MEDAL.silver }, { value: check.gold, color: MEDAL.gold }]
        : [{ value: null, color: MEDAL.gold }, { value: check.gold, color: MEDAL.silver },
            { value: check.silver, color: MEDAL.bronze }, { value: check.bronze, color: MEDAL.none }];
    return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps);
}

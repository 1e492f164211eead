import { TestHealthTranslate } from '../../translation';

/** Formats collector numbers for people. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return `${(value * 100).toFixed(digits)}%`;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
    return '–';
  }
  if (seconds === 0) {
    return '0 s';
  }
  if (seconds < 0.001) {
    // Rounding would say "0 ms" of something that took time.
    return '< 1 ms';
  }
  if (seconds < 1) {
    return `${Math.round(seconds * 1000)} ms`;
  }
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  if (seconds < 3600) {
    return `${(seconds / 60).toFixed(1)} min`;
  }
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A check's value in its unit (`ratio`, `minutes`, `days`, ...). */
export function checkValue(value: number | null, unit: string): string {
  if (value === null) {
    return '–';
  }
  switch (unit) {
    case 'ratio':
      return percent(value);
    case 'minutes':
      return `${value.toFixed(1)} min`;
    case 'days':
      return `${value.toFixed(0)} d`;
    default:
      return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
  }
}

/** `component:default/payments` → `payments`; keeps the namespace when not default. */
export function shortRef(ref: string | null | undefined): string {
  if (!ref) {
    return '–';
  }
  const withoutKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return withoutKind.startsWith('default/')
    ? withoutKind.slice('default/'.length)
    : withoutKind;
}

const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Orders grades best first; unknown grades last. */
export function gradeOrder(grade: string | null | undefined): number {
  const index = GRADES.indexOf(grade ?? '');
  return index < 0 ? GRADES.length : index;
}

/**
 * CI time (time lost to flaky tests and their re-runs) in the unit people budget CI in: hours from
 * one hour up, minutes below, seconds below a minute; "none" for nothing and "< 1 s" for a
 * fraction of a second, so that time that was lost is never shown as zero.
 */
export function ciTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
    return '–';
  }
  if (seconds <= 0) {
    return 'none';
  }
  if (seconds < 1) {
    return '< 1 s';
  }
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min`;
  }
  const hours = seconds / 3600;
  return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} CI h`;
}

/** `3 runs`, `1 run`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A number of times in words: once, twice, 3 times. */
export function times(n: number): string {
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${n} times`;
}

/** Days of a window such as `28d`; 28 when it says nothing else. */
export function windowDays(window: string | null | undefined): number {
  const m = /^(\d+)d$/.exec(window ?? '');
  return m ? Number(m[1]) : 28;
}

/** The reasons the collector gives, split into plain sentences and the statistics behind them. */
export function splitReasons(reasons: string[]): {
  plain: string[];
  detail: string[];
} {
  const isDetail = (r: string) =>
    /^score /.test(r) || /interval|p-value|p = |credible|max\(|⌈| S = /.test(r);
  return {
    plain: reasons.filter(r => !isDetail(r)),
    detail: reasons.filter(isDetail),
  };
}

/** Signed change in points: `+3`, `−2`, `±0`. */
export function signed(n: number, digits = 0): string {
  const text = Math.abs(n).toFixed(digits);
  if (Number(text) === 0) return `±${text}`;
  return `${n > 0 ? '+' : '−'}${text}`;
}

/** The layer sources the collector reports, each with its words in `layerSources`. */
const LAYER_SOURCES = [
  'config_mapping',
  'upload',
  'allure_label',
  'test_property',
  'tag',
  'report_path',
  'naming',
  'trace',
] as const;

/** Where a test's layer came from, in words; a source this plugin does not know, as it is named. */
export function layerSourceText(
  t: TestHealthTranslate,
  source: string | null | undefined,
): string {
  if (!source) return t('layerSources.none');
  const known = LAYER_SOURCES.find(s => s === source.toLowerCase());
  return known ? t(`layerSources.${known}`) : source.replace(/_/g, ' ');
}

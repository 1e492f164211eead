import {
  SpanRunView,
  SpanView,
} from '@testhealth/backstage-plugin-test-health-common';

/** One row of a run's waterfall: a span, how deep it sits under the test span, and its bar. */
export interface WaterfallRow {
  span: SpanView;
  /** 0 for the test span, 1 for its calls, 2 for what those did... */
  depth: number;
  /** Where its bar starts, in percent of the run's width. */
  leftPercent: number;
  /** How wide its bar is, in percent of the run's width. */
  widthPercent: number;
}

/**
 * The spans of a test run as a waterfall: depth first from the test span, children by their start,
 * bars placed on a scale from the earliest start to the latest end among the spans (usually the test
 * span's own). A span whose parent is not among the kept ones (cut over the bound) hangs under the
 * test span.
 */
export function waterfallRows(run: SpanRunView): WaterfallRow[] {
  if (run.spans.length === 0) return [];
  const root = run.spans[0];
  const ids = new Set(run.spans.map(s => s.spanId));
  const children = new Map<string, SpanView[]>();
  for (const s of run.spans.slice(1)) {
    const parent =
      s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : root.spanId;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const start = Math.min(...run.spans.map(s => s.offsetMs));
  const end = Math.max(...run.spans.map(s => s.offsetMs + s.durationMs));
  const width = end - start > 0 ? end - start : 1;
  const rows: WaterfallRow[] = [];
  const visit = (span: SpanView, depth: number) => {
    rows.push({
      span,
      depth,
      leftPercent: ((span.offsetMs - start) / width) * 100,
      widthPercent: (span.durationMs / width) * 100,
    });
    const below = [...(children.get(span.spanId) ?? [])].sort(
      (a, b) => a.offsetMs - b.offsetMs,
    );
    for (const child of below) visit(child, depth + 1);
  };
  visit(root, 0);
  return rows;
}

/** A span's duration as people read it: `0.125 ms`, `2.5 ms`, `200 ms`, `1.5 s`. */
export function spanDuration(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(3))} s`;
  return `${Number(ms.toPrecision(3))} ms`;
}

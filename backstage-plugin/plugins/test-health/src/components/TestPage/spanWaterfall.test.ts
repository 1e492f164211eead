import {
  SpanRunView,
  SpanView,
} from '@testhealth/backstage-plugin-test-health-common';
import { spanDuration, waterfallRows } from './spanWaterfall';

const span = (
  spanId: string,
  parentSpanId: string | null,
  offsetMs: number,
  durationMs: number,
): SpanView => ({
  spanId,
  parentSpanId,
  name: spanId,
  kind: 'client',
  service: 'orders',
  startedAt: '2026-12-07T10:00:01Z',
  offsetMs,
  durationMs,
  status: 'ok',
  statusMessage: null,
  attributes: {},
  droppedAttributes: 0,
});

const run = (spans: SpanView[]): SpanRunView => ({
  runId: 'r1',
  pipeline: 'p-1',
  job: 'it',
  attempt: 1,
  branch: 'main',
  commit: 'abc',
  runUrl: null,
  traceId: 't',
  startedAt: '2026-12-07T10:00:01Z',
  durationMs: 300,
  droppedSpans: 0,
  spans,
});

describe('waterfallRows', () => {
  it('orders the tree depth first with children by start and scales bars to the test span', () => {
    // Breadth first as stored: test, SELECT (10 ms, 2.5 ms), POST (50 ms, 200 ms), encode under POST.
    const rows = waterfallRows(
      run([
        span('test', null, 0, 300),
        span('post', 'test', 50, 200),
        span('select', 'test', 10, 2.5),
        span('encode', 'post', 60, 0.125),
      ]),
    );
    expect(rows.map(r => [r.span.spanId, r.depth])).toEqual([
      ['test', 0],
      ['select', 1],
      ['post', 1],
      ['encode', 2],
    ]);
    // On a 300 ms scale: POST starts at 50/300 = 16.67 % and spans 200/300 = 66.67 %.
    const post = rows[2];
    expect(post.leftPercent).toBeCloseTo(16.667, 2);
    expect(post.widthPercent).toBeCloseTo(66.667, 2);
    expect(rows[0].leftPercent).toBe(0);
    expect(rows[0].widthPercent).toBe(100);
  });

  it('widens the scale to a call that outlives the test span and hangs orphans under the test', () => {
    // A producer span ends at 400 ms (asynchronous send): the scale is 0..400 ms.
    const rows = waterfallRows(
      run([
        span('test', null, 0, 300),
        span('late', 'test', 100, 300),
        span('orphan', 'gone', 20, 10),
      ]),
    );
    expect(rows.map(r => r.span.spanId)).toEqual(['test', 'orphan', 'late']);
    expect(rows[0].widthPercent).toBe(75);
    expect(rows[2].leftPercent).toBe(25);
    expect(rows[1].depth).toBe(1);
  });

  it('says durations in ms below a second and in s above', () => {
    expect([0.125, 2.5, 200, 1500].map(spanDuration)).toEqual([
      '0.125 ms',
      '2.5 ms',
      '200 ms',
      '1.5 s',
    ]);
  });
});

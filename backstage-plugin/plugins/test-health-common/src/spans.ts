/** One span kept of a test run: the test span or a call below it. @public */
export interface SpanView {
  spanId: string;
  /** Its parent's span id; `null` for the test span, the root of the run's tree. */
  parentSpanId: string | null;
  name: string;
  kind:
    'internal' | 'server' | 'client' | 'producer' | 'consumer' | 'unspecified';
  /** `service.name` of what emitted it, possibly empty. */
  service: string;
  /** Its start, to the nanosecond. */
  startedAt: string;
  /** Its start after the test span's, in milliseconds. */
  offsetMs: number;
  durationMs: number;
  /** `error`, or `ok` for any other status. */
  status: 'ok' | 'error';
  statusMessage: string | null;
  /** At most 32; texts cut at 256 characters; secrets redacted. */
  attributes: Record<string, unknown>;
  droppedAttributes: number;
}

/** The spans kept of one test run, with its job run. @public */
export interface SpanRunView {
  runId: string;
  pipeline: string;
  job: string;
  attempt: number;
  branch: string;
  commit: string;
  runUrl: string | null;
  traceId: string;
  /** When the test span started. */
  startedAt: string;
  /** The test span's duration. */
  durationMs: number;
  /** Spans below the test span that were not kept (more than 1,000). */
  droppedSpans: number;
  /** The test span first, then the spans below it, breadth first. */
  spans: SpanView[];
}

/** `GET /api/v1/tests/{testId}/spans`: the raw spans of a test's latest runs, latest first. @public */
export interface TestSpans {
  testId: string;
  component: string;
  /** Days raw spans are kept (`testhealth.retention.spans-days`). */
  keptDays: number;
  runs: SpanRunView[];
}

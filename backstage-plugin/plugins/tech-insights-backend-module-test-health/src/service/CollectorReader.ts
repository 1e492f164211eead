import {
  Scorecard,
  SubjectSummary,
} from '@testhealth/backstage-plugin-test-health-common';

/**
 * The collector's reads that the retrievers need, each bounded by a time-out: a collector that
 * hangs costs a fact retrieval at most its time-outs, never a Tech Insights run that never ends.
 */
export class CollectorReader {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Every component the collector has a report for, with its grade and counts: one request. */
  components(): Promise<SubjectSummary[]> {
    return this.get<SubjectSummary[]>('/api/v1/components');
  }

  /** Every team the collector knows, with its grade and counts: one request. */
  teams(): Promise<SubjectSummary[]> {
    return this.get<SubjectSummary[]>('/api/v1/teams');
  }

  /** A component's scorecard: its checks, metrics and pyramid. */
  scorecard(name: string, namespace: string): Promise<Scorecard> {
    return this.get<Scorecard>(
      `/api/v1/components/${encodeURIComponent(name)}/scorecard?namespace=${encodeURIComponent(namespace)}`,
    );
  }

  private async get<T>(path: string): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) {
        throw new Error(`${url} answered HTTP ${response.status}`);
      }
      return (await response.json()) as T;
    } catch (e) {
      // A DOMException, which is not always an Error of this realm: known by its name.
      if ((e as { name?: unknown } | undefined)?.name === 'TimeoutError') {
        throw new Error(`${url} did not answer within ${this.timeoutMs} ms`);
      }
      throw e;
    }
  }
}

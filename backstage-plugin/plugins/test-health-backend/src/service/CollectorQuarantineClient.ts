import { ServiceUnavailableError } from '@backstage/errors';
import { TestDetail } from '@testhealth/backstage-plugin-test-health-common';

/** What a user asks for when quarantining a test; who asks comes from their Backstage identity. */
export interface QuarantineInput {
  reason: string;
  ticket: string;
  expiresAt: string | null;
}

/** The collector's answer, passed on to the browser as it is (status, JSON body). */
export interface CollectorAnswer {
  status: number;
  body: unknown;
}

/**
 * Writes quarantines to the collector with the token that unlocks them. The collector answers
 * its own errors (unknown test, invalid expiry) with a JSON body the frontend already reads, so
 * those are passed through rather than translated.
 */
export class CollectorQuarantineClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  /**
   * The collector component a test belongs to (`component:default/payments`): the resource its
   * quarantine is authorized on. A test the collector does not know comes back as the
   * collector's own answer, to be passed on.
   */
  async componentOfTest(
    testId: string,
  ): Promise<{ component: string } | { unknown: CollectorAnswer }> {
    const url = `${this.base()}/api/v1/tests/${encodeURIComponent(testId)}`;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new ServiceUnavailableError(
        `could not reach the Test Health collector at ${url}: check testHealth.collector.baseUrl`,
        e,
      );
    }
    if (response.status === 404) {
      return { unknown: { status: 404, body: await response.json() } };
    }
    if (!response.ok) {
      throw new ServiceUnavailableError(
        `the Test Health collector answered HTTP ${response.status} for ${url}`,
      );
    }
    const detail = (await response.json()) as Pick<TestDetail, 'component'>;
    return { component: detail.component };
  }

  quarantine(
    testId: string,
    by: string,
    input: QuarantineInput,
  ): Promise<CollectorAnswer> {
    return this.send('PUT', testId, { by, ...input });
  }

  /** Releases a test; `by` goes into the test's quarantine history on the collector. */
  release(testId: string, by: string): Promise<CollectorAnswer> {
    return this.send(
      'DELETE',
      testId,
      undefined,
      `?by=${encodeURIComponent(by)}`,
    );
  }

  private base(): string {
    return this.baseUrl.replace(/\/+$/, '');
  }

  private async send(
    method: 'PUT' | 'DELETE',
    testId: string,
    body?: unknown,
    query = '',
  ): Promise<CollectorAnswer> {
    const url = `${this.base()}/api/v1/tests/${encodeURIComponent(testId)}/quarantine${query}`;
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ServiceUnavailableError(
        `could not reach the Test Health collector at ${url}: check testHealth.collector.baseUrl`,
        e,
      );
    }
    if (response.status === 401 || response.status === 403) {
      // The user was allowed by Backstage; the collector refused this backend: a configuration error.
      throw new ServiceUnavailableError(
        `the Test Health collector refused this backend's quarantine token (HTTP ${response.status}): set ` +
          "testHealth.collector.quarantineToken to one of the collector's TESTHEALTH_QUARANTINE_TOKENS",
      );
    }
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    };
  }
}

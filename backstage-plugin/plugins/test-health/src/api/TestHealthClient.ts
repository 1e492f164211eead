import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { NotAllowedError, ResponseError } from '@backstage/errors';
import {
  CollectorNotFoundCode,
  CollectorSubject,
  Integrations,
  Quarantine,
  QuarantineRequest,
  Scorecard,
  SubjectSummary,
  TestDetail,
  TestSpans,
  TestsPage,
  Trends,
  WeeklyReport,
} from '@testhealth/backstage-plugin-test-health-common';
import { TestHealthApi, TestQuery } from './TestHealthApi';
import { CollectorNotFoundError, CollectorUnavailableError } from './errors';

/** The proxy path the client uses unless told otherwise. @public */
export const DEFAULT_PROXY_PATH = '/test-health';

/** @public */
export interface TestHealthClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
  /** Path under the proxy plugin's base URL, `/test-health` by default. */
  proxyPath?: string;
}

interface CollectorErrorBody {
  error: string;
  message: string;
}

function bodyOf(response: Response): Promise<unknown> {
  return response
    .clone()
    .json()
    .catch(() => undefined);
}

function isCollectorError(body: unknown): body is CollectorErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<string, unknown>).error === 'string' &&
    typeof (body as Record<string, unknown>).message === 'string'
  );
}

const NOT_FOUND_CODES: CollectorNotFoundCode[] = [
  'unknown-component',
  'unknown-team',
  'no-report-yet',
];

// Collectors older than these codes answer every 404 with `not-found`.
function notFoundCode(error: string): CollectorNotFoundCode {
  return (NOT_FOUND_CODES as string[]).includes(error)
    ? (error as CollectorNotFoundCode)
    : 'not-found';
}

/**
 * Talks to the collector's `/api/v1` through Backstage's proxy.
 * @public
 */
export class TestHealthClient implements TestHealthApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly proxyPath: string;

  constructor(options: TestHealthClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.proxyPath = options.proxyPath ?? DEFAULT_PROXY_PATH;
  }

  getComponents(): Promise<SubjectSummary[]> {
    return this.request('/components');
  }

  getComponentScorecard(component: CollectorSubject): Promise<Scorecard> {
    return this.request(
      `/components/${encodeURIComponent(component.name)}/scorecard`,
      { namespace: component.namespace },
    );
  }

  getComponentTests(
    component: CollectorSubject,
    query: TestQuery = {},
  ): Promise<TestsPage> {
    return this.request(
      `/components/${encodeURIComponent(component.name)}/tests`,
      {
        namespace: component.namespace,
        state: query.state ?? 'flaky',
        sort: query.sort ?? 'impact',
        limit: String(query.limit ?? 50),
      },
    );
  }

  getComponentQuarantines(component: CollectorSubject): Promise<Quarantine[]> {
    return this.request(
      `/components/${encodeURIComponent(component.name)}/quarantine`,
      { namespace: component.namespace },
    );
  }

  getComponentIntegrations(component: CollectorSubject): Promise<Integrations> {
    return this.request(
      `/components/${encodeURIComponent(component.name)}/integrations`,
      { namespace: component.namespace },
    );
  }

  getTest(testId: string): Promise<TestDetail> {
    return this.request(`/tests/${encodeURIComponent(testId)}`);
  }

  getTestSpans(testId: string, limit?: number): Promise<TestSpans> {
    return this.request(
      `/tests/${encodeURIComponent(testId)}/spans`,
      limit === undefined ? undefined : { limit: String(limit) },
    );
  }

  getComponentTrends(component: CollectorSubject, weeks = 8): Promise<Trends> {
    return this.request(
      `/components/${encodeURIComponent(component.name)}/trends`,
      {
        namespace: component.namespace,
        weeks: String(weeks),
      },
    );
  }

  getTeamTrends(team: CollectorSubject, weeks = 8): Promise<Trends> {
    return this.request(`/teams/${encodeURIComponent(team.name)}/trends`, {
      namespace: team.namespace,
      weeks: String(weeks),
    });
  }

  getTeams(): Promise<SubjectSummary[]> {
    return this.request('/teams');
  }

  getTeamScorecard(team: CollectorSubject): Promise<Scorecard> {
    return this.request(`/teams/${encodeURIComponent(team.name)}/scorecard`, {
      namespace: team.namespace,
    });
  }

  getWeeklyReport(): Promise<WeeklyReport> {
    return this.request('/reports/weekly', { format: 'json' });
  }

  quarantineTest(
    testId: string,
    request: QuarantineRequest,
  ): Promise<Quarantine> {
    return this.write(testId, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async releaseTest(testId: string): Promise<void> {
    await this.write<void>(testId, { method: 'DELETE' });
  }

  /**
   * Quarantine writes go to the Test Health backend plugin, which checks the user's permission
   * and names them as the one who quarantined. Apps without that plugin (Backstage answers its
   * own 404 there, not the collector's) write through the proxy, as far as the proxy allows.
   */
  private async write<T>(testId: string, init: RequestInit): Promise<T> {
    const path = `/tests/${encodeURIComponent(testId)}/quarantine`;
    const url = `${await this.discoveryApi.getBaseUrl('test-health')}${path}`;
    const response = await this.send(url, init);
    if (response.status === 404 && !isCollectorError(await bodyOf(response))) {
      return this.request<T>(path, undefined, init);
    }
    if (response.status === 401 || response.status === 403) {
      // The backend plugin's refusal (not signed in, or the policy denies it), said as it is.
      const refusal = (await bodyOf(response)) as
        { error?: { message?: string } } | undefined;
      throw new NotAllowedError(
        refusal?.error?.message ??
          `HTTP ${response.status}: not allowed to quarantine or release tests`,
      );
    }
    return this.handle<T>(response, url);
  }

  /** The collector's `/api/v1` URL behind the proxy. */
  async getBaseUrl(): Promise<string> {
    const proxy = await this.discoveryApi.getBaseUrl('proxy');
    return `${proxy}${this.proxyPath}/api/v1`;
  }

  private async request<T>(
    path: string,
    query?: Record<string, string>,
    init?: RequestInit,
  ): Promise<T> {
    const params = query ? `?${new URLSearchParams(query).toString()}` : '';
    const url = `${await this.getBaseUrl()}${path}${params}`;
    return this.handle<T>(await this.send(url, init), url);
  }

  private async send(url: string, init?: RequestInit): Promise<Response> {
    try {
      return await this.fetchApi.fetch(url, init);
    } catch (e) {
      throw new CollectorUnavailableError(
        `Could not reach the Test Health collector at ${url}`,
        'unreachable',
        url,
        e,
      );
    }
  }

  private async handle<T>(response: Response, url: string): Promise<T> {
    if (response.ok) {
      if (response.status === 204) {
        return undefined as T;
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json')) {
        throw new CollectorUnavailableError(
          `${url} answered with ${type || 'no content type'}, not the collector's JSON: the proxy path ${this.proxyPath} does not lead to the collector`,
          'misconfigured',
          url,
        );
      }
      return (await response.json()) as T;
    }
    if ([502, 503, 504].includes(response.status)) {
      throw new CollectorUnavailableError(
        `The proxy could not reach the Test Health collector (HTTP ${response.status})`,
        'unreachable',
        url,
        await ResponseError.fromResponse(response),
      );
    }
    const body = await bodyOf(response);
    if (isCollectorError(body)) {
      if (response.status === 404) {
        const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
        throw new CollectorNotFoundError(
          body.message,
          notFoundCode(body.error),
          Number.isFinite(retryAfter) && retryAfter > 0
            ? retryAfter
            : undefined,
        );
      }
    } else if (
      response.status === 404 ||
      response.status === 401 ||
      response.status === 403
    ) {
      throw new CollectorUnavailableError(
        `${url} answered HTTP ${response.status} without the collector's error body: the proxy endpoint ${this.proxyPath} is missing or not allowed`,
        'misconfigured',
        url,
        await ResponseError.fromResponse(response),
      );
    }
    throw await ResponseError.fromResponse(response);
  }
}

import { rest } from 'msw';
import { setupServer } from 'msw/node';
import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { DiscoveryApi } from '@backstage/core-plugin-api';
import { NotAllowedError, ResponseError } from '@backstage/errors';
import { TestHealthClient } from './TestHealthClient';
import { CollectorNotFoundError, CollectorUnavailableError } from './errors';

const server = setupServer();
const proxy = 'http://backstage.test/api/proxy';
const base = `${proxy}/test-health/api/v1`;
const backend = 'http://backstage.test/api/test-health';
const discoveryApi: DiscoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://backstage.test/api/${pluginId}`,
};
const client = new TestHealthClient({
  discoveryApi,
  fetchApi: new MockFetchApi(),
});
const payments = { name: 'payments', namespace: 'default' };

describe('TestHealthClient', () => {
  registerMswTestHooks(server);

  it('reads a scorecard through the proxy with the namespace', async () => {
    server.use(
      rest.get(`${base}/components/payments/scorecard`, (req, res, ctx) =>
        res(
          ctx.json({
            grade: 'B',
            namespace: req.url.searchParams.get('namespace'),
          }),
        ),
      ),
    );
    const sc = await client.getComponentScorecard(payments);
    expect(sc.grade).toBe('B');
    expect(sc.namespace).toBe('default');
  });

  it("reads one test's detail by its id, escaped in the path", async () => {
    let path = '';
    server.use(
      rest.get(`${base}/tests/:id`, (req, res, ctx) => {
        path = req.url.pathname;
        return res(ctx.json({ component: 'component:default/payments', runs: [] }));
      }),
    );
    const detail = await client.getTest('a/b c');
    expect(path).toBe('/api/proxy/test-health/api/v1/tests/a%2Fb%20c');
    expect(detail.component).toBe('component:default/payments');
  });

  it("reads a test's spans by its id, with the number of runs asked", async () => {
    let url = '';
    server.use(
      rest.get(`${base}/tests/:id/spans`, (req, res, ctx) => {
        url = `${req.url.pathname}${req.url.search}`;
        return res(ctx.json({ testId: 'a/b', keptDays: 14, runs: [] }));
      }),
    );
    const spans = await client.getTestSpans('a/b', 5);
    expect(url).toBe('/api/proxy/test-health/api/v1/tests/a%2Fb/spans?limit=5');
    expect(spans.keptDays).toBe(14);
  });

  it('asks for flaky tests by impact by default', async () => {
    server.use(
      rest.get(`${base}/components/payments/tests`, (req, res, ctx) =>
        res(ctx.json({ total: 0, tests: [], query: req.url.search })),
      ),
    );
    const page = (await client.getComponentTests(payments)) as unknown as {
      query: string;
    };
    expect(page.query).toBe(
      '?namespace=default&state=flaky&sort=impact&limit=50',
    );
  });

  it('quarantines and releases through the backend plugin, which checks the permission', async () => {
    let body: unknown;
    let released = false;
    server.use(
      rest.put(`${backend}/tests/t1/quarantine`, async (req, res, ctx) => {
        body = await req.json();
        return res(ctx.json({ testId: 't1' }));
      }),
      rest.delete(`${backend}/tests/t1/quarantine`, (_req, res, ctx) => {
        released = true;
        return res(ctx.status(204));
      }),
    );
    const request = {
      by: 'user:default/jo',
      reason: 'r',
      ticket: 'T-1',
      expiresAt: null,
    };
    await client.quarantineTest('t1', request);
    expect(body).toEqual(request);
    await client.releaseTest('t1');
    expect(released).toBe(true);
  });

  it('writes through the proxy in apps without the backend plugin', async () => {
    let body: unknown;
    server.use(
      rest.put(`${backend}/tests/t1/quarantine`, (_req, res, ctx) =>
        res(
          ctx.status(404),
          ctx.json({ error: { name: 'NotFoundError', message: 'no plugin' } }),
        ),
      ),
      rest.put(`${base}/tests/t1/quarantine`, async (req, res, ctx) => {
        body = await req.json();
        return res(ctx.json({ testId: 't1' }));
      }),
    );
    const request = {
      by: 'user:default/jo',
      reason: 'r',
      ticket: '',
      expiresAt: null,
    };
    expect(await client.quarantineTest('t1', request)).toEqual({
      testId: 't1',
    });
    expect(body).toEqual(request);
  });

  it("says the backend plugin's refusal as it is", async () => {
    server.use(
      rest.delete(`${backend}/tests/t1/quarantine`, (_req, res, ctx) =>
        res(
          ctx.status(403),
          ctx.json({
            error: {
              name: 'NotAllowedError',
              message: 'user:default/jo may not quarantine or release tests',
            },
          }),
        ),
      ),
    );
    const error = await client.releaseTest('t1').catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toMatch(/may not quarantine/);
  });

  it("turns the collector's 404 into CollectorNotFoundError with its message", async () => {
    server.use(
      rest.get(`${base}/components/payments/scorecard`, (_req, res, ctx) =>
        res(
          ctx.status(404),
          ctx.json({ error: 'not-found', message: 'no test results yet' }),
        ),
      ),
    );
    const error = await client.getComponentScorecard(payments).catch(e => e);
    expect(error).toBeInstanceOf(CollectorNotFoundError);
    expect(error.message).toBe('no test results yet');
  });

  it('tells an unknown component from one whose first report is being computed', async () => {
    server.use(
      rest.get(`${base}/components/payments/scorecard`, (_req, res, ctx) =>
        res(
          ctx.status(404),
          ctx.json({ error: 'unknown-component', message: 'never uploaded' }),
        ),
      ),
      rest.get(`${base}/teams/team-a/scorecard`, (_req, res, ctx) =>
        res(
          ctx.status(404),
          ctx.set('Retry-After', '5'),
          ctx.json({ error: 'no-report-yet', message: 'analysing' }),
        ),
      ),
    );
    const unknown = await client.getComponentScorecard(payments).catch(e => e);
    expect(unknown.code).toBe('unknown-component');
    expect(unknown.retryAfterSeconds).toBeUndefined();
    const analysing = await client
      .getTeamScorecard({ name: 'team-a', namespace: 'default' })
      .catch(e => e);
    expect(analysing).toBeInstanceOf(CollectorNotFoundError);
    expect(analysing.code).toBe('no-report-yet');
    expect(analysing.retryAfterSeconds).toBe(5);
  });

  it('reads weekly trends of components and teams, 8 weeks unless told', async () => {
    server.use(
      rest.get(`${base}/components/payments/trends`, (req, res, ctx) =>
        res(ctx.json({ query: req.url.search })),
      ),
      rest.get(`${base}/teams/team-a/trends`, (req, res, ctx) =>
        res(ctx.json({ query: req.url.search })),
      ),
    );
    const component = (await client.getComponentTrends(
      payments,
    )) as unknown as { query: string };
    expect(component.query).toBe('?namespace=default&weeks=8');
    const team = (await client.getTeamTrends(
      { name: 'team-a', namespace: 'ops' },
      12,
    )) as unknown as { query: string };
    expect(team.query).toBe('?namespace=ops&weeks=12');
  });

  it("says the proxy is misconfigured when a 404 is not the collector's", async () => {
    server.use(
      rest.get(`${base}/components/payments/scorecard`, (_req, res, ctx) =>
        res(ctx.status(404), ctx.text('Not Found')),
      ),
    );
    const error = await client.getComponentScorecard(payments).catch(e => e);
    expect(error).toBeInstanceOf(CollectorUnavailableError);
    expect(error.reason).toBe('misconfigured');
  });

  it('says the proxy is misconfigured when it answers HTML', async () => {
    server.use(
      rest.get(`${base}/teams`, (_req, res, ctx) =>
        res(ctx.set('content-type', 'text/html'), ctx.body('<html></html>')),
      ),
    );
    const error = await client.getTeams().catch(e => e);
    expect(error).toBeInstanceOf(CollectorUnavailableError);
    expect(error.reason).toBe('misconfigured');
  });

  it('says the collector is unreachable on a 502 from the proxy', async () => {
    server.use(
      rest.get(`${base}/teams`, (_req, res, ctx) => res(ctx.status(502))),
    );
    const error = await client.getTeams().catch(e => e);
    expect(error).toBeInstanceOf(CollectorUnavailableError);
    expect(error.reason).toBe('unreachable');
  });

  it('says the collector is unreachable when the request fails', async () => {
    server.use(
      rest.get(`${base}/teams`, (_req, res) =>
        res.networkError('connection refused'),
      ),
    );
    const error = await client.getTeams().catch(e => e);
    expect(error).toBeInstanceOf(CollectorUnavailableError);
    expect(error.reason).toBe('unreachable');
  });

  it('throws ResponseError for other failures', async () => {
    server.use(
      rest.put(`${backend}/tests/t1/quarantine`, (_req, res, ctx) =>
        res(
          ctx.status(400),
          ctx.json({ error: 'invalid-request', message: "needs 'by'" }),
        ),
      ),
    );
    const error = await client
      .quarantineTest('t1', { by: '', reason: '', ticket: '', expiresAt: null })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
  });
});

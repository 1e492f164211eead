import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CollectorProcess,
  startDemoCollector,
} from '@internal/test-health-collector-testing';
import {
  TestDetail,
  TestsPage,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthPlugin } from './plugin';

// The collector locks its quarantine writes with this token; only the plugin knows it.
const TOKEN = 'quarantine-token-for-tests-0123456789';

describe('testHealthPlugin', () => {
  let collector: CollectorProcess;
  let testId: string;

  beforeAll(async () => {
    collector = await startDemoCollector({
      properties: { 'testhealth.api.quarantine-tokens': TOKEN },
      // The demo history loads in 1–2 min on a quiet machine, several on a busy one.
      timeoutMs: 540_000,
    });
    // The flaky tests of the demo are known once its history is loaded and analysed.
    await collector.settled();
    const flaky = (await (
      await fetch(
        `${collector.baseUrl}/api/v1/components/payments/tests?state=flaky&limit=1`,
      )
    ).json()) as TestsPage;
    testId = flaky.tests[0].testId;
  }, 600_000);

  afterAll(async () => {
    await collector?.stop();
  });

  /** What the plugin told the auditor: each event's options, then how it ended. */
  let audit: Array<{ eventId: string; meta: unknown; outcome?: string }>;

  async function backend(
    result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
    quarantineToken = TOKEN,
  ) {
    audit = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async options => {
        const entry = {
          eventId: options.eventId,
          meta: options.meta,
          outcome: undefined as string | undefined,
        };
        audit.push(entry);
        return {
          success: async () => {
            entry.outcome = 'success';
          },
          fail: async ({ error }) => {
            entry.outcome = `fail: ${error.message}`;
          },
        };
      },
    });
    const { server } = await startTestBackend({
      features: [
        auditor.factory,
        testHealthPlugin,
        mockServices.rootConfig.factory({
          data: {
            testHealth: {
              collector: { baseUrl: collector.baseUrl, quarantineToken },
            },
          },
        }),
        mockServices.permissions.factory({ result }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/test-health`;
  }

  const quarantineList = async () =>
    (await (
      await fetch(`${collector.baseUrl}/api/v1/components/payments/quarantine`)
    ).json()) as Array<{ testId: string; by: string; ticket: string }>;

  it('quarantines as the signed-in user, whatever name the browser sends, and releases', async () => {
    const base = await backend(AuthorizeResult.ALLOW);
    const put = await fetch(
      `${base}/tests/${encodeURIComponent(testId)}/quarantine`,
      {
        method: 'PUT',
        headers: {
          authorization: mockCredentials.user.header('user:default/jo'),
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          by: 'user:default/someone-else',
          reason: 'flaky in CI',
          ticket: 'PAY-1',
          expiresAt: null,
        }),
      },
    );
    expect(put.status).toBe(200);
    const entry = (await quarantineList()).find(q => q.testId === testId);
    expect(entry).toMatchObject({ by: 'user:default/jo', ticket: 'PAY-1' });

    const del = await fetch(
      `${base}/tests/${encodeURIComponent(testId)}/quarantine`,
      {
        method: 'DELETE',
        headers: {
          authorization: mockCredentials.user.header('user:default/jo'),
        },
      },
    );
    expect(del.status).toBe(204);
    expect((await quarantineList()).some(q => q.testId === testId)).toBe(false);
    // the release is recorded under the signed-in user too: the last change of the test's history
    const detail = (await (
      await fetch(
        `${collector.baseUrl}/api/v1/tests/${encodeURIComponent(testId)}`,
      )
    ).json()) as TestDetail;
    expect(detail.quarantineHistory?.slice(-2)).toMatchObject([
      { action: 'quarantined', by: 'user:default/jo', ticket: 'PAY-1' },
      { action: 'released', by: 'user:default/jo' },
    ]);
    expect(audit).toEqual([
      {
        eventId: 'test-quarantine',
        meta: { action: 'quarantine', testId },
        outcome: 'success',
      },
      {
        eventId: 'test-quarantine',
        meta: { action: 'release', testId },
        outcome: 'success',
      },
    ]);
  }, 60_000);

  it('refuses users the permission policy denies, and leaves the collector untouched', async () => {
    const base = await backend(AuthorizeResult.DENY);
    const put = await fetch(
      `${base}/tests/${encodeURIComponent(testId)}/quarantine`,
      {
        method: 'PUT',
        headers: {
          authorization: mockCredentials.user.header('user:default/mallory'),
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          reason: 'not mine to quarantine',
          ticket: '',
          expiresAt: null,
        }),
      },
    );
    expect(put.status).toBe(403);
    expect((await quarantineList()).some(q => q.testId === testId)).toBe(false);
    expect(audit).toEqual([
      {
        eventId: 'test-quarantine',
        meta: { action: 'quarantine', testId },
        outcome:
          'fail: user:default/mallory may not quarantine or release tests',
      },
    ]);
  }, 60_000);

  it('refuses requests without a user, and a quarantine without a reason', async () => {
    const base = await backend(AuthorizeResult.ALLOW);
    const anonymous = await fetch(
      `${base}/tests/${encodeURIComponent(testId)}/quarantine`,
      {
        method: 'DELETE',
        headers: { authorization: mockCredentials.none.header() },
      },
    );
    expect(anonymous.status).toBe(401);
    const noReason = await fetch(
      `${base}/tests/${encodeURIComponent(testId)}/quarantine`,
      {
        method: 'PUT',
        headers: {
          authorization: mockCredentials.user.header('user:default/jo'),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ ticket: 'X-1' }),
      },
    );
    expect(noReason.status).toBe(400);
  }, 60_000);

  it('says what to configure when the collector refuses its token', async () => {
    const base = await backend(
      AuthorizeResult.ALLOW,
      'not-the-collectors-token-0000',
    );
    const put = await fetch(
      `${base}/tests/${encodeURIComponent(testId)}/quarantine`,
      {
        method: 'PUT',
        headers: {
          authorization: mockCredentials.user.header('user:default/jo'),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ reason: 'flaky', ticket: '', expiresAt: null }),
      },
    );
    expect(put.status).toBe(503);
    const body = (await put.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(
      /testHealth\.collector\.quarantineToken/,
    );
    expect((await quarantineList()).some(q => q.testId === testId)).toBe(false);
  }, 60_000);

  it('shows that the collector refuses quarantines that do not come through the plugin', async () => {
    const direct = await fetch(
      `${collector.baseUrl}/api/v1/tests/${encodeURIComponent(testId)}/quarantine`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          by: 'user:default/mallory',
          reason: 'bypass',
          ticket: '',
          expiresAt: null,
        }),
      },
    );
    expect(direct.status).toBe(401);
  });
});

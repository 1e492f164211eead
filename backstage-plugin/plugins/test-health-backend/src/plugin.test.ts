import { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  CollectorProcess,
  startDemoCollector,
} from '@internal/test-health-collector-testing';
import {
  testHealthQuarantinePermission,
  TestDetail,
  TestsPage,
} from '@testhealth/backstage-plugin-test-health-common';
import {
  AuthService,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testHealthPlugin } from './plugin';

// The collector locks its quarantine writes with this token; only the plugin knows it.
const TOKEN = 'quarantine-token-for-tests-0123456789';

/** The catalog entity of the demo's `payments`, as in src/__fixtures__/catalog.yaml. */
const paymentsService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-service',
    namespace: 'default',
    annotations: { 'testhealth.io/component': 'payments' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-checkout' },
};

/**
 * The policy of the README: the owners of a component may quarantine its tests; everything
 * else (the catalog's own reads) is allowed.
 */
class OwnersMayQuarantine implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, testHealthQuarantinePermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * The test backend's auth, except that a plugin's request on behalf of a user names the plugin as
 * its actor, as Backstage's own tokens do: the catalog applies permission conditions only for
 * such requests (the mocked auth would send them as the bare user, whom the catalog refuses).
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }): AuthService => {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: (token, options) => auth.authenticate(token, options),
      getNoneCredentials: () => auth.getNoneCredentials(),
      getOwnServiceCredentials: () => auth.getOwnServiceCredentials(),
      isPrincipal: auth.isPrincipal.bind(auth) as AuthService['isPrincipal'],
      getLimitedUserToken: credentials => auth.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => auth.listPublicServiceKeys(),
      async getPluginRequestToken(options) {
        if (auth.isPrincipal(options.onBehalfOf, 'user')) {
          return {
            token: mockCredentials.user.token(
              options.onBehalfOf.principal.userEntityRef,
              { actor: { subject: `plugin:${plugin.getId()}` } },
            ),
          };
        }
        return auth.getPluginRequestToken(options);
      },
    };
  },
});

/** Who is in which team, as a sign-in resolver would put it into the users' tokens. */
const TEAMS: Record<string, string[]> = {
  'user:default/jo': ['group:default/team-checkout'],
  'user:default/mallory': ['group:default/team-fulfilment'],
};

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
  }, 60_000);

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
        // The mocked policy decides alone; the catalog only names the test's component.
        catalogServiceMock.factory({ entities: [paymentsService] }),
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
          'fail: user:default/mallory may not quarantine or release tests of component:default/payments-service',
      },
    ]);
  }, 60_000);

  it("passes on the collector's answer for a test it does not know", async () => {
    const base = await backend(AuthorizeResult.ALLOW);
    const put = await fetch(`${base}/tests/no-such-test/quarantine`, {
      method: 'PUT',
      headers: {
        authorization: mockCredentials.user.header('user:default/jo'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ reason: 'flaky', ticket: '', expiresAt: null }),
    });
    expect(put.status).toBe(404);
    // the collector's own error body, which the frontend tells from Backstage's 404
    expect(await put.json()).toMatchObject({
      error: expect.any(String),
      message: expect.any(String),
    });
    expect(audit).toEqual([
      {
        eventId: 'test-quarantine',
        meta: { action: 'quarantine', testId: 'no-such-test' },
        outcome: 'fail: the collector answered HTTP 404',
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

  describe("with a permission policy on the catalog entity of the test's component", () => {
    /** A backend as an adopter runs it: catalog, permission backend with the policy, this plugin. */
    async function backendWithPolicy() {
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
      const policy = createBackendModule({
        pluginId: 'permission',
        moduleId: 'owners-may-quarantine',
        register(reg) {
          reg.registerInit({
            deps: { policy: policyExtensionPoint },
            async init({ policy: point }) {
              point.setPolicy(new OwnersMayQuarantine());
            },
          });
        },
      });
      const userInfo = createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials) {
            const userEntityRef = (
              credentials.principal as { userEntityRef: string }
            ).userEntityRef;
            return {
              userEntityRef,
              ownershipEntityRefs: [
                userEntityRef,
                ...(TEAMS[userEntityRef] ?? []),
              ],
            };
          },
        }),
      });
      const { server } = await startTestBackend({
        features: [
          auditor.factory,
          authWithActors,
          userInfo,
          testHealthPlugin,
          catalogPlugin,
          permissionPlugin,
          policy,
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              catalog: {
                rules: [{ allow: ['Component', 'Group'] }],
                locations: [
                  {
                    type: 'file',
                    target: path.resolve(
                      __dirname,
                      '__fixtures__/catalog.yaml',
                    ),
                  },
                ],
              },
              testHealth: {
                collector: {
                  baseUrl: collector.baseUrl,
                  quarantineToken: TOKEN,
                },
              },
            },
          }),
        ],
      });
      const { port } = server.address() as AddressInfo;
      const base = `http://127.0.0.1:${port}/api`;
      // The catalog reads its file in the background: wait for the component and its owner.
      for (let i = 0; ; i++) {
        const res = await fetch(
          `${base}/catalog/entities/by-name/component/default/payments-service`,
          { headers: { authorization: mockCredentials.service.header() } },
        );
        if (res.ok) {
          const entity = (await res.json()) as Entity;
          if (entity.relations?.some(r => r.type === 'ownedBy')) break;
        }
        if (i > 120) throw new Error('the catalog did not ingest its file');
        await new Promise(resolve => setTimeout(resolve, 500));
      }
      return `${base}/test-health`;
    }

    const put = (base: string, user: string) =>
      fetch(`${base}/tests/${encodeURIComponent(testId)}/quarantine`, {
        method: 'PUT',
        headers: {
          authorization: mockCredentials.user.header(user),
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          reason: 'flaky in CI',
          ticket: 'PAY-2',
          expiresAt: null,
        }),
      });

    it("lets the owners of the test's component quarantine it, and refuses another team's member", async () => {
      const base = await backendWithPolicy();

      const denied = await put(base, 'user:default/mallory');
      expect(denied.status).toBe(403);
      expect((await quarantineList()).some(q => q.testId === testId)).toBe(
        false,
      );

      const allowed = await put(base, 'user:default/jo');
      expect(allowed.status).toBe(200);
      expect(
        (await quarantineList()).find(q => q.testId === testId),
      ).toMatchObject({
        by: 'user:default/jo',
        ticket: 'PAY-2',
      });

      const notReleased = await fetch(
        `${base}/tests/${encodeURIComponent(testId)}/quarantine`,
        {
          method: 'DELETE',
          headers: {
            authorization: mockCredentials.user.header('user:default/mallory'),
          },
        },
      );
      expect(notReleased.status).toBe(403);
      const released = await fetch(
        `${base}/tests/${encodeURIComponent(testId)}/quarantine`,
        {
          method: 'DELETE',
          headers: {
            authorization: mockCredentials.user.header('user:default/jo'),
          },
        },
      );
      expect(released.status).toBe(204);
      expect((await quarantineList()).some(q => q.testId === testId)).toBe(
        false,
      );

      // The auditor of this backend hears the catalog too: the plugin's own events.
      expect(audit.filter(e => e.eventId === 'test-quarantine')).toEqual([
        {
          eventId: 'test-quarantine',
          meta: { action: 'quarantine', testId },
          outcome:
            'fail: user:default/mallory may not quarantine or release tests of component:default/payments-service',
        },
        {
          eventId: 'test-quarantine',
          meta: { action: 'quarantine', testId },
          outcome: 'success',
        },
        {
          eventId: 'test-quarantine',
          meta: { action: 'release', testId },
          outcome:
            'fail: user:default/mallory may not quarantine or release tests of component:default/payments-service',
        },
        {
          eventId: 'test-quarantine',
          meta: { action: 'release', testId },
          outcome: 'success',
        },
      ]);
    }, 120_000);

    it('refuses a conditional decision for a test whose component has no catalog entity', async () => {
      // shipping is a demo component that the fixture catalog does not have
      const shipping = (await (
        await fetch(
          `${collector.baseUrl}/api/v1/components/shipping/tests?limit=1`,
        )
      ).json()) as TestsPage;
      const shippingTest = shipping.tests[0].testId;
      const base = await backendWithPolicy();
      const res = await fetch(
        `${base}/tests/${encodeURIComponent(shippingTest)}/quarantine`,
        {
          method: 'PUT',
          headers: {
            authorization: mockCredentials.user.header('user:default/jo'),
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            reason: 'flaky',
            ticket: '',
            expiresAt: null,
          }),
        },
      );
      expect(res.status).toBe(403);
      expect(
        ((await res.json()) as { error: { message: string } }).error.message,
      ).toBe(
        'user:default/jo may not quarantine or release tests of component:default/shipping',
      );
    }, 120_000);
  });
});

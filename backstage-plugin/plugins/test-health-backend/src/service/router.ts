import express from 'express';
import Router from 'express-promise-router';
import {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { testHealthQuarantinePermission } from '@testhealth/backstage-plugin-test-health-common';
import { componentEntitiesOf } from './componentEntities';
import {
  CollectorAnswer,
  CollectorQuarantineClient,
  QuarantineInput,
} from './CollectorQuarantineClient';

function quarantineInput(body: unknown): QuarantineInput {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.reason !== 'string' || b.reason.trim() === '') {
    throw new InputError('a quarantine needs a reason');
  }
  if (b.ticket !== undefined && typeof b.ticket !== 'string') {
    throw new InputError('ticket must be a string');
  }
  if (
    b.expiresAt !== undefined &&
    b.expiresAt !== null &&
    typeof b.expiresAt !== 'string'
  ) {
    throw new InputError('expiresAt must be an ISO-8601 instant or null');
  }
  return {
    reason: b.reason,
    ticket: (b.ticket as string | undefined) ?? '',
    expiresAt: (b.expiresAt as string | null | undefined) ?? null,
  };
}

function reply(res: express.Response, answer: CollectorAnswer) {
  if (answer.body === undefined) {
    res.status(answer.status).end();
  } else {
    res.status(answer.status).json(answer.body);
  }
}

/**
 * The plugin's routes: quarantine and release, each allowed only to signed-in users whom the
 * permission policy grants `test-health.test.quarantine` on the test's component. Who quarantined is the caller's
 * identity, never a name the browser sends.
 */
export async function createRouter(options: {
  auth: AuthService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  auditor: AuditorService;
  collector: CollectorQuarantineClient;
}): Promise<express.Router> {
  const { auth, catalog, httpAuth, permissions, logger, auditor, collector } =
    options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  /**
   * The signed-in user, if the policy lets them quarantine this test: the permission is asked
   * about the catalog entity of the test's component, so a conditional decision (the catalog's
   * `isEntityOwner`, say) is applied to that entity by the catalog. When several entities claim
   * the component, each must allow it, so that claiming another team's component in a new
   * entity grants nothing. A component without an entity is allowed only by an unconditional
   * decision. A test the collector does not know is its answer, passed on.
   */
  async function allowedUser(
    req: express.Request,
  ): Promise<{ by: string } | { unknown: CollectorAnswer }> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const by = credentials.principal.userEntityRef;
    const lookup = await collector.componentOfTest(req.params.testId);
    if ('unknown' in lookup) {
      return lookup;
    }
    const entities = await componentEntitiesOf(
      catalog,
      lookup.component,
      await auth.getOwnServiceCredentials(),
    );
    let allowed: boolean;
    if (entities.length === 0) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission: testHealthQuarantinePermission }],
        { credentials },
      );
      allowed = decision.result === AuthorizeResult.ALLOW;
    } else {
      const decisions = await permissions.authorize(
        entities.map(resourceRef => ({
          permission: testHealthQuarantinePermission,
          resourceRef,
        })),
        { credentials },
      );
      allowed = decisions.every(d => d.result === AuthorizeResult.ALLOW);
    }
    if (!allowed) {
      throw new NotAllowedError(
        `${by} may not quarantine or release tests of ${entities.join(', ') || lookup.component}`,
      );
    }
    return { by };
  }

  /**
   * Runs a quarantine change as one audit event (`test-quarantine`, action `quarantine` or
   * `release`): a refusal, a bad request or a collector error is recorded as a failure, the
   * collector's answer otherwise, so that who changed what CI skips can be traced.
   */
  async function audited(
    req: express.Request,
    res: express.Response,
    action: 'quarantine' | 'release',
    change: () => Promise<CollectorAnswer>,
  ) {
    const testId = req.params.testId;
    const event = await auditor.createEvent({
      eventId: 'test-quarantine',
      severityLevel: 'medium',
      request: req,
      meta: { action, testId },
    });
    try {
      const answer = await change();
      if (answer.status >= 400) {
        await event.fail({
          error: new Error(`the collector answered HTTP ${answer.status}`),
          meta: { status: answer.status },
        });
      } else {
        await event.success({ meta: { status: answer.status } });
      }
      reply(res, answer);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.put('/tests/:testId/quarantine', (req, res) =>
    audited(req, res, 'quarantine', async () => {
      const input = quarantineInput(req.body);
      const user = await allowedUser(req);
      if ('unknown' in user) return user.unknown;
      const { by } = user;
      const answer = await collector.quarantine(req.params.testId, by, input);
      logger.info(
        `${by} quarantined test ${req.params.testId}: ${answer.status}`,
      );
      return answer;
    }),
  );

  router.delete('/tests/:testId/quarantine', (req, res) =>
    audited(req, res, 'release', async () => {
      const user = await allowedUser(req);
      if ('unknown' in user) return user.unknown;
      const { by } = user;
      const answer = await collector.release(req.params.testId, by);
      logger.info(`${by} released test ${req.params.testId}: ${answer.status}`);
      return answer;
    }),
  );

  return router;
}

import express from 'express';
import Router from 'express-promise-router';
import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { testHealthQuarantinePermission } from '@testhealth/backstage-plugin-test-health-common';
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
 * permission policy grants `test-health.test.quarantine`. Who quarantined is the caller's
 * identity, never a name the browser sends.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  collector: CollectorQuarantineClient;
}): Promise<express.Router> {
  const { httpAuth, permissions, logger, collector } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  async function allowedUser(req: express.Request): Promise<string> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: testHealthQuarantinePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${credentials.principal.userEntityRef} may not quarantine or release tests`,
      );
    }
    return credentials.principal.userEntityRef;
  }

  router.put('/tests/:testId/quarantine', async (req, res) => {
    const input = quarantineInput(req.body);
    const by = await allowedUser(req);
    const answer = await collector.quarantine(req.params.testId, by, input);
    logger.info(
      `${by} quarantined test ${req.params.testId}: ${answer.status}`,
    );
    reply(res, answer);
  });

  router.delete('/tests/:testId/quarantine', async (req, res) => {
    const by = await allowedUser(req);
    const answer = await collector.release(req.params.testId);
    logger.info(`${by} released test ${req.params.testId}: ${answer.status}`);
    reply(res, answer);
  });

  return router;
}

import { CustomErrorBase } from '@backstage/errors';
import { CollectorNotFoundCode } from '@testhealth/backstage-plugin-test-health-common';

/**
 * The collector answered 404 for a component or team. `code` tells why: it never received an
 * upload for it (`unknown-component`, `unknown-team`), or it has uploads whose first analysis
 * is still running (`no-report-yet`, with the seconds after which to ask again).
 * @public
 */
export class CollectorNotFoundError extends CustomErrorBase {
  name = 'CollectorNotFoundError' as const;
  constructor(
    message: string,
    readonly code: CollectorNotFoundCode = 'not-found',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * The request never reached the collector, or the proxy in front of it failed
 * (network error, 502/503/504) or is not configured (an answer that is not the collector's).
 * @public
 */
export class CollectorUnavailableError extends CustomErrorBase {
  name = 'CollectorUnavailableError' as const;
  constructor(
    message: string,
    readonly reason: 'unreachable' | 'misconfigured',
    readonly url: string,
    cause?: Error | unknown,
  ) {
    super(message, cause);
  }
}

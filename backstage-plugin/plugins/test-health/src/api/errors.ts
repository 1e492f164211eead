import { CustomErrorBase } from '@backstage/errors';

/**
 * The collector answered 404 for a component or team: it holds no test results for it.
 * @public
 */
export class CollectorNotFoundError extends CustomErrorBase {
  name = 'CollectorNotFoundError' as const;
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

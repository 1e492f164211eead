import { useEffect } from 'react';
import { CollectorNotFoundError } from '../../api';

/**
 * Asks again, after the delay the collector names, while it is analysing a subject's first
 * uploads: a team that has just uploaded sees its report appear without reloading the page.
 */
export function useRetryWhileAnalysing(
  error: Error | undefined,
  retry: () => void,
): void {
  const delaySeconds =
    error instanceof CollectorNotFoundError && error.code === 'no-report-yet'
      ? (error.retryAfterSeconds ?? 5)
      : undefined;
  useEffect(() => {
    if (delaySeconds === undefined) return undefined;
    const timer = setTimeout(retry, delaySeconds * 1000);
    return () => clearTimeout(timer);
  }, [error, delaySeconds, retry]);
}

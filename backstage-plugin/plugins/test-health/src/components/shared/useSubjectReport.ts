import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { AsyncState } from 'react-use/lib/useAsyncFn';
import { Trends } from '@testhealth/backstage-plugin-test-health-common';
import { CollectorNotFoundError } from '../../api';
import { useRetryWhileAnalysing } from './useRetryWhileAnalysing';

/** A subject's report, or why the collector has none (with the names it knows, to help match). */
export type SubjectReport<T> =
  | { found: true; report: T }
  | { found: false; error: CollectorNotFoundError; known: string[] };

/**
 * Loads a component's or team's report and its weekly trends, the way both pages need them: a
 * 404 becomes a state to show rather than an error; while the first uploads are analysed the
 * report is asked for again after the collector's `Retry-After`; the trends are asked for again
 * once the report is there.
 */
export function useSubjectReport<T>(options: {
  load: () => Promise<T>;
  loadTrends: () => Promise<Trends>;
  /** Names the collector knows, listed when it does not know this one */
  known: () => Promise<string[]>;
  deps: unknown[];
}): {
  state: AsyncState<SubjectReport<T>> & { retry: () => void };
  trends: AsyncState<Trends>;
} {
  const { load, loadTrends, known, deps } = options;
  const state = useAsyncRetry(async (): Promise<SubjectReport<T>> => {
    try {
      return { found: true, report: await load() };
    } catch (e) {
      if (e instanceof CollectorNotFoundError) {
        const names =
          e.code === 'no-report-yet' ? [] : await known().catch(() => []);
        return { found: false, error: e, known: names };
      }
      throw e;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  const value = state.value;
  useRetryWhileAnalysing(
    value && !value.found ? value.error : undefined,
    state.retry,
  );
  const trends = useAsync(
    loadTrends,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, value?.found],
  );
  return { state, trends };
}

import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { collectorComponentOf } from '@testhealth/backstage-plugin-test-health-common';
import { CollectorNotFoundError, testHealthApiRef } from '../../api';
import { CollectorError } from '../shared/CollectorErrorPanel';
import { GradeBadge } from '../shared/GradeBadge';
import { PyramidChart } from '../shared/PyramidChart';
import { ciTime } from '../shared/format';
import { testHealthTranslationRef } from '../../translation';

/**
 * The path of the entity's Tests tab: the catalog's entity route when the app binds it, else
 * Backstage's default `/catalog/:namespace/:kind/:name`; `tab` is where the app mounts the content.
 */
function useTestsTabPath(entity: Entity, tab: string): string {
  let entityRoute:
    | ((params: { namespace: string; kind: string; name: string }) => string)
    | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    entityRoute = useRouteRef(entityRouteRef);
  } catch {
    entityRoute = undefined;
  }
  const params = {
    namespace: entity.metadata.namespace ?? 'default',
    kind: entity.kind.toLocaleLowerCase('en-US'),
    name: entity.metadata.name,
  };
  const base = entityRoute
    ? entityRoute(params)
    : `/catalog/${params.namespace}/${params.kind}/${params.name}`;
  return `${base.replace(/\/$/, '')}/${tab.replace(/^\//, '')}`;
}

/** The overview card: grade, flaky count and pyramid at a glance, and the way to the Tests tab. */
export const EntityTestHealthCard = (props: {
  /** The path of the Tests tab under the entity page, `tests` unless the app mounts it elsewhere. */
  testsTabPath?: string;
}) => {
  const { entity } = useEntity();
  const { t } = useTranslationRef(testHealthTranslationRef);
  const tabPath = useTestsTabPath(entity, props.testsTabPath ?? 'tests');
  const api = useApi(testHealthApiRef);
  const subject = useMemo(() => collectorComponentOf(entity), [entity]);
  const { value, loading, error } = useAsync(
    () => api.getComponentScorecard(subject),
    [api, subject.name, subject.namespace],
  );

  return (
    <InfoCard
      title={t('entityCard.title')}
      variant="gridItem"
      deepLink={{ title: t('entityCard.deepLink'), link: tabPath }}
    >
      {loading && <Progress />}
      {error instanceof CollectorNotFoundError && (
        // The full empty state, with the upload command, is the Tests tab's; a card stays short.
        <Box data-testid="card-no-results">
          <Typography variant="subtitle1" component="div" gutterBottom>
            {error.code === 'no-report-yet'
              ? t('entityCard.analysingFirstUploads', { name: subject.name })
              : t('entityCard.noResultsYet', { name: subject.name })}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {error.message}
          </Typography>
        </Box>
      )}
      {error && !(error instanceof CollectorNotFoundError) && (
        <CollectorError error={error} kind="component" subject={subject} />
      )}
      {value && (
        <>
          <Box display="flex" alignItems="center" style={{ gap: 24 }} mb={2}>
            <GradeBadge grade={value.grade} level={value.level} size="large" />
            <Box>
              <Typography
                variant="h4"
                component="div"
                data-testid="card-flaky-count"
              >
                {value.metrics.flakyTests}
              </Typography>
              <Typography variant="caption">
                {t('entityCard.flakyOfTests', {
                  tests: String(value.metrics.tests),
                })}
              </Typography>
              <Typography variant="body2" data-testid="card-time-lost">
                {t('entityCard.timeLost', {
                  time: ciTime(value.metrics.timeLostToFlakesSeconds),
                  jobRuns: String(value.metrics.jobRuns),
                })}
              </Typography>
            </Box>
          </Box>
          <PyramidChart pyramid={value.pyramid} compact />
        </>
      )}
    </InfoCard>
  );
};

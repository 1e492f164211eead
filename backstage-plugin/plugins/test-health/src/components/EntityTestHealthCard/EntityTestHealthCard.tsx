import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { collectorComponentOf } from '@testhealth/backstage-plugin-test-health-common';
import { CollectorNotFoundError, testHealthApiRef } from '../../api';
import { CollectorError } from '../shared/CollectorErrorPanel';
import { GradeBadge } from '../shared/GradeBadge';
import { PyramidChart } from '../shared/PyramidChart';

/** The overview card: grade, flaky count and pyramid at a glance. */
export const EntityTestHealthCard = () => {
  const { entity } = useEntity();
  const api = useApi(testHealthApiRef);
  const subject = useMemo(() => collectorComponentOf(entity), [entity]);
  const { value, loading, error } = useAsync(
    () => api.getComponentScorecard(subject),
    [api, subject.name, subject.namespace],
  );

  return (
    <InfoCard title="Test Health" variant="gridItem">
      {loading && <Progress />}
      {error instanceof CollectorNotFoundError && (
        // The full empty state, with the upload command, is the Tests tab's; a card stays short.
        <Box data-testid="card-no-results">
          <Typography variant="subtitle1" component="div" gutterBottom>
            {error.code === 'no-report-yet'
              ? `Analysing the first uploads of "${subject.name}"`
              : `No test results for "${subject.name}" yet`}
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
                flaky of {value.metrics.tests} tests
              </Typography>
            </Box>
          </Box>
          <PyramidChart pyramid={value.pyramid} compact />
        </>
      )}
    </InfoCard>
  );
};

import { Box, Typography } from '@material-ui/core';
import { LayerDisagreements } from '@testhealth/backstage-plugin-test-health-common';
import { count, layerSourceText } from './format';
import { TestLink } from './links';

/**
 * The tests whose declared layer is not the one their spans show, under the pyramid. They are
 * listed so that a team can correct the declaration (or see what a test really touches); they
 * do not change a grade, since either side can be the wrong one.
 */
export const LayerDisagreementsNote = ({
  disagreements,
}: {
  disagreements?: LayerDisagreements;
}) => {
  if (!disagreements || disagreements.tests === 0) {
    return null;
  }
  const more = disagreements.tests - disagreements.examples.length;
  return (
    <Box mt={1} data-testid="layer-disagreements">
      <Typography variant="body2">
        {count(disagreements.tests, 'test')} declared in one layer ran as
        another in traces (shown, not graded):
      </Typography>
      <ul>
        {disagreements.examples.map(e => (
          <li key={e.testId}>
            <Typography variant="body2" component="span">
              <TestLink testId={e.testId}>{e.test}</TestLink>: {e.declared} from{' '}
              {layerSourceText(e.source)}; its spans show {e.observed}
            </Typography>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Typography variant="caption">
          and {count(more, 'more test', 'more tests')}
        </Typography>
      )}
    </Box>
  );
};

import { Box, Typography } from '@material-ui/core';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { LayerDisagreements } from '@testhealth/backstage-plugin-test-health-common';
import { testHealthTranslationRef } from '../../translation';
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
  const { t } = useTranslationRef(testHealthTranslationRef);
  if (!disagreements || disagreements.tests === 0) {
    return null;
  }
  const more = disagreements.tests - disagreements.examples.length;
  return (
    <Box mt={1} data-testid="layer-disagreements">
      <Typography variant="body2">
        {t('layerDisagreements.intro', {
          tests: count(disagreements.tests, 'test'),
        })}
      </Typography>
      <ul>
        {disagreements.examples.map(e => (
          <li key={e.testId}>
            <Typography variant="body2" component="span">
              <TestLink testId={e.testId}>{e.test}</TestLink>:{' '}
              {t('layerDisagreements.declaredFrom', { declared: e.declared })}{' '}
              {t('layerDisagreements.spansShow', {
                source: layerSourceText(t, e.source),
                observed: e.observed,
              })}
            </Typography>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Typography variant="caption">
          {t('layerDisagreements.more', {
            tests: count(more, 'more test', 'more tests'),
          })}
        </Typography>
      )}
    </Box>
  );
};

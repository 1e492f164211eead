import {
  CodeSnippet,
  EmptyState,
  ErrorPanel,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { CollectorSubject } from '@testhealth/backstage-plugin-test-health-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { CollectorNotFoundError, CollectorUnavailableError } from '../../api';
import { testHealthTranslationRef } from '../../translation';

const PROXY_CONFIG = `proxy:
  endpoints:
    /test-health:
      target: http://test-health-collector:8080
      allowedMethods: [GET, PUT, DELETE]`;

/** What to configure when the collector cannot be reached through the proxy. */
export const CollectorUnavailablePanel = ({
  error,
}: {
  error: CollectorUnavailableError;
}) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  return (
    <WarningPanel
      severity="error"
      title={
        error.reason === 'unreachable'
          ? t('collectorError.unreachable')
          : t('collectorError.misconfigured')
      }
      message={error.message}
      defaultExpanded
    >
      <Typography variant="body2" paragraph>
        {t('collectorError.proxyHelpBefore')}{' '}
        <code>proxy.endpoints./test-health</code>{' '}
        {t('collectorError.proxyHelpIn')} <code>app-config.yaml</code>{' '}
        {t('collectorError.proxyHelpAfter')}
      </Typography>
      <CodeSnippet language="yaml" text={PROXY_CONFIG} />
    </WarningPanel>
  );
};

/** No report for this component or team: the collector does not know it, or is analysing its first uploads. */
export const NoResultsState = ({
  kind,
  subject,
  error,
  known,
}: {
  kind: 'component' | 'team';
  subject: CollectorSubject;
  error: CollectorNotFoundError;
  /** Names the collector knows, offered when the entity may be named differently there */
  known?: string[];
}) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  if (error.code === 'no-report-yet') {
    return (
      <EmptyState
        missing="data"
        title={t('collectorError.analysing', { kind, name: subject.name })}
        description={t('collectorError.asksAgain', {
          message: error.message,
          seconds: String(error.retryAfterSeconds ?? 5),
        })}
        action={<Progress />}
      />
    );
  }
  const ns =
    subject.namespace === 'default' ? '' : `&namespace=${subject.namespace}`;
  const upload = `curl -X POST -F 'files=@build/test-results/test/TEST-*.xml' \\
  "$COLLECTOR/api/v1/uploads?component=${subject.name}${ns}&team=<team>"`;
  const others =
    known && known.length > 0
      ? t('collectorError.knows', {
          known: String(known.length),
          kind,
          names: known.join(', '),
        })
      : '';
  return (
    <EmptyState
      missing="data"
      title={
        others
          ? t('collectorError.unknown', { kind, name: subject.name })
          : t('collectorError.noResults', { kind, name: subject.name })
      }
      description={
        others
          ? t('collectorError.resultsSoonKnown', {
              message: error.message,
              knows: others,
            })
          : t('collectorError.resultsSoon', { message: error.message })
      }
      action={
        kind === 'component' ? (
          <CodeSnippet language="bash" text={upload} />
        ) : undefined
      }
    />
  );
};

/** Renders any error of the Test Health API with the panel that tells what to do. */
export const CollectorError = ({
  error,
  kind,
  subject,
  known,
}: {
  error: Error;
  kind: 'component' | 'team';
  subject?: CollectorSubject;
  known?: string[];
}) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  if (error instanceof CollectorUnavailableError) {
    return <CollectorUnavailablePanel error={error} />;
  }
  if (error instanceof CollectorNotFoundError && subject) {
    return (
      <NoResultsState
        kind={kind}
        subject={subject}
        error={error}
        known={known}
      />
    );
  }
  return <ErrorPanel error={error} title={t('collectorError.loadFailed')} />;
};

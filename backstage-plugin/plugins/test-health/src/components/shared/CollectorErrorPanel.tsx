import {
  CodeSnippet,
  EmptyState,
  ErrorPanel,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { CollectorSubject } from '@testhealth/backstage-plugin-test-health-common';
import { CollectorNotFoundError, CollectorUnavailableError } from '../../api';

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
}) => (
  <WarningPanel
    severity="error"
    title={
      error.reason === 'unreachable'
        ? 'The Test Health collector is unreachable'
        : 'The Test Health proxy is misconfigured'
    }
    message={error.message}
    defaultExpanded
  >
    <Typography variant="body2" paragraph>
      The plugin reads the collector through Backstage's proxy. Check that{' '}
      <code>proxy.endpoints./test-health</code> in <code>app-config.yaml</code>{' '}
      points at a running collector, and that the backend can reach it:
    </Typography>
    <CodeSnippet language="yaml" text={PROXY_CONFIG} />
  </WarningPanel>
);

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
  if (error.code === 'no-report-yet') {
    return (
      <EmptyState
        missing="data"
        title={`Analysing the first uploads of ${kind} "${subject.name}"`}
        description={`${error.message} This page asks again in ${error.retryAfterSeconds ?? 5} seconds.`}
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
      ? ` It knows ${known.length} ${kind}s: ${known.join(', ')}. If it names this one differently, set the annotation testhealth.io/${kind} on the entity.`
      : '';
  return (
    <EmptyState
      missing="data"
      title={
        others
          ? `The collector does not know ${kind} "${subject.name}"`
          : `No test results for ${kind} "${subject.name}" yet`
      }
      description={`${error.message}${others} Results show here a few seconds after the first upload.`}
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
  return <ErrorPanel error={error} title="Test Health could not be loaded" />;
};

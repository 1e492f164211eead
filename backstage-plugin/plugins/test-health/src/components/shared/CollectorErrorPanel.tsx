import {
  CodeSnippet,
  EmptyState,
  ErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { CollectorSubject } from '@testhealth/backstage-plugin-test-health-common';
import {
  CollectorNotFoundError,
  CollectorUnavailableError,
} from '../../api';

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

/** No test results for this component or team: how to upload some. */
export const NoResultsState = ({
  kind,
  subject,
  message,
  known,
}: {
  kind: 'component' | 'team';
  subject: CollectorSubject;
  message: string;
  /** Names the collector knows, to tell "unknown" from "no data yet" */
  known?: string[];
}) => {
  const ns = subject.namespace === 'default' ? '' : `&namespace=${subject.namespace}`;
  const unknown = known !== undefined && known.length > 0;
  const upload = `curl -X POST -F 'files=@build/test-results/test/TEST-*.xml' \\
  "$COLLECTOR/api/v1/uploads?component=${subject.name}${ns}&team=<team>"`;
  return (
    <EmptyState
      missing={unknown ? 'field' : 'data'}
      title={
        unknown
          ? `The collector does not know ${kind} "${subject.name}"`
          : `No test results for ${kind} "${subject.name}" yet`
      }
      description={
        unknown
          ? `${message} It knows ${known!.length} ${kind}s: ${known!.join(', ')}. Set the annotation testhealth.io/${kind} on the entity if the collector names it differently.`
          : `${message} Upload JUnit/Allure reports from CI; results show here a few seconds after the first upload.`
      }
      action={kind === 'component' ? <CodeSnippet language="bash" text={upload} /> : undefined}
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
        message={error.message}
        known={known}
      />
    );
  }
  return <ErrorPanel error={error} title="Test Health could not be loaded" />;
};

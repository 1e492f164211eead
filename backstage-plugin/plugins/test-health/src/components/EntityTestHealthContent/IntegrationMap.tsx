import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Chip, Typography, makeStyles, Theme } from '@material-ui/core';
import {
  CollectorSubject,
  EdgeTest,
  IntegrationEdge,
  Integrations,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { CatalogLink, TestLink, useCatalogRefs } from '../shared/links';
import {
  contractExpected,
  contractsOf,
  coverageText,
  edgeWarning,
  layerText,
  mapSummary,
  peerOf,
} from './integrationMap';

/** Tests listed per edge before the rest fold away: a database edge can have hundreds. */
const TESTS_SHOWN = 5;

const useStyles = makeStyles((theme: Theme) => ({
  warning: { color: theme.palette.warningText ?? theme.palette.warning.dark },
  muted: { color: theme.palette.text.secondary },
  test: { marginBottom: 4 },
  chip: { marginLeft: 4, height: 20 },
}));

const when = (iso: string | null | undefined) =>
  iso ? iso.slice(0, 16).replace('T', ' ') : '–';

/** The other end of an edge: a link to its catalog page when the catalog has that component. */
const Peer = ({
  edge,
  subject,
}: {
  edge: IntegrationEdge;
  subject: CollectorSubject;
}) => {
  const refs = useCatalogRefs();
  const peer = peerOf(edge, subject.name);
  const ref = `component:${subject.namespace}/${peer.name}`;
  const known = peer.service && refs?.has(ref);
  return (
    <>
      <Typography variant="caption" color="textSecondary" component="span">
        {peer.direction}{' '}
      </Typography>
      <Typography
        variant="body2"
        component="span"
        data-testid="integration-peer"
      >
        {known ? (
          <CatalogLink entityRef={ref} defaultKind="component" />
        ) : (
          <b>{peer.name}</b>
        )}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {edge.kind}
        {edge.protocols.length > 0 ? ` · ${edge.protocols.join(', ')}` : ''}
        {edge.caller !== subject.name && peer.direction === 'calls'
          ? ` · from ${edge.caller}`
          : ''}
      </Typography>
    </>
  );
};

const TestLine = ({ test }: { test: EdgeTest }) => {
  const classes = useStyles();
  const facts = [
    layerText(test),
    test.state ?? 'not in the report',
    test.lastStatus ? `last ${test.lastStatus}` : null,
  ].filter(Boolean);
  return (
    <div className={classes.test} data-testid="edge-test">
      <Typography variant="body2" component="span">
        <TestLink testId={test.testId}>{test.name}</TestLink>
      </Typography>
      {test.contract && (
        <Chip
          size="small"
          label={`contract: ${test.contract}`}
          className={classes.chip}
        />
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        {test.suite} · {facts.join(' · ')}
      </Typography>
    </div>
  );
};

const EdgeTests = ({ edge }: { edge: IntegrationEdge }) => {
  if (edge.tests.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  }
  const shown = edge.tests.slice(0, TESTS_SHOWN);
  const rest = edge.tests.slice(TESTS_SHOWN);
  return (
    <>
      {shown.map(t => (
        <TestLine key={`${t.component}/${t.testId}`} test={t} />
      ))}
      {rest.length > 0 && (
        <details>
          <summary>
            <Typography variant="caption" component="span">
              {rest.length} more
            </Typography>
          </summary>
          {rest.map(t => (
            <TestLine key={`${t.component}/${t.testId}`} test={t} />
          ))}
        </details>
      )}
    </>
  );
};

const Contract = ({ edge }: { edge: IntegrationEdge }) => {
  const classes = useStyles();
  if (edge.hasContract) {
    return (
      <span data-testid="edge-contract">{contractsOf(edge).join(', ')}</span>
    );
  }
  return contractExpected(edge) ? (
    <b className={classes.warning} data-testid="edge-contract">
      none
    </b>
  ) : (
    <span className={classes.muted} data-testid="edge-contract">
      none (a {edge.kind} has no consumer contract)
    </span>
  );
};

const Attention = ({ edge }: { edge: IntegrationEdge }) => {
  const classes = useStyles();
  const warning = edgeWarning(edge);
  const seen =
    edge.observedIn.length > 0
      ? ` Also seen in ${edge.observedIn.join(', ')}.`
      : '';
  return warning ? (
    <Typography
      variant="body2"
      className={classes.warning}
      data-testid="edge-warning"
    >
      {warning}
    </Typography>
  ) : (
    <Typography variant="body2">Tested.{seen}</Typography>
  );
};

/** The table of a component's integration map, one row per edge. */
export const IntegrationMapTable = ({
  integrations,
  subject,
}: {
  integrations: Integrations;
  subject: CollectorSubject;
}) => {
  const columns: TableColumn<IntegrationEdge>[] = [
    {
      title: 'Edge',
      width: '18%',
      render: e => <Peer edge={e} subject={subject} />,
    },
    {
      title: 'Tests that exercise it',
      width: '40%',
      render: e => <EdgeTests edge={e} />,
    },
    { title: 'Contract', width: '12%', render: e => <Contract edge={e} /> },
    {
      title: 'Needs attention',
      width: '20%',
      render: e => <Attention edge={e} />,
    },
    { title: 'Last seen', render: e => when(e.lastSeenAt) },
  ];
  return (
    <Table<IntegrationEdge>
      options={{
        paging: integrations.edges.length > 10,
        pageSize: 10,
        search: false,
        toolbar: false,
        padding: 'dense',
        rowStyle: (e: IntegrationEdge) =>
          edgeWarning(e) ? { backgroundColor: 'rgba(255, 152, 0, 0.08)' } : {},
      }}
      columns={columns}
      data={integrations.edges}
    />
  );
};

/**
 * The integration map on a component's Tests tab: what its tests call, from trace data, with the
 * edges no test exercises and those without a contract test marked.
 */
export const IntegrationMapCard = ({
  subject,
}: {
  subject: CollectorSubject;
}) => {
  const api = useApi(testHealthApiRef);
  const state = useAsync(
    () => api.getComponentIntegrations(subject),
    [api, subject.name, subject.namespace],
  );
  let body;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = (
      <Typography variant="body2" data-testid="integrations-error">
        The integration map could not be loaded: {state.error.message}
      </Typography>
    );
  } else if (!state.value || state.value.edges.length === 0) {
    body = (
      <Typography variant="body2" data-testid="integrations-empty">
        No trace data for {subject.name} yet: export its tests' OpenTelemetry
        spans to the collector's <code>/v1/traces</code> with{' '}
        <code>OTEL_SERVICE_NAME={subject.name}</code> (README, "Sending test
        traces").
      </Typography>
    );
  } else {
    const m = state.value;
    body = (
      <>
        <Typography variant="body2" data-testid="integration-summary">
          {mapSummary(m.edges, m.untestedIntegrationPoints)}
        </Typography>
        <Typography
          variant="body2"
          data-testid="contract-coverage"
          style={{ marginBottom: 8 }}
        >
          {coverageText(m.contractCoverage)}
        </Typography>
        <IntegrationMapTable integrations={m} subject={subject} />
      </>
    );
  }
  return (
    <div data-testid="integration-map">
      <InfoCard
        title="Integration map"
        subheader="What this component calls and what calls it, from trace data: the tests on each edge, with their declared and observed layer"
      >
        {body}
      </InfoCard>
    </div>
  );
};

import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Chip, Typography, makeStyles, Theme } from '@material-ui/core';
import {
  CollectorSubject,
  EdgeTest,
  IntegrationEdge,
  Integrations,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { testHealthTranslationRef } from '../../translation';
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
  const { t } = useTranslationRef(testHealthTranslationRef);
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
          ? ` · ${t('integrationMap.from', { caller: edge.caller })}`
          : ''}
      </Typography>
    </>
  );
};

const TestLine = ({ test }: { test: EdgeTest }) => {
  const classes = useStyles();
  const { t } = useTranslationRef(testHealthTranslationRef);
  const facts = [
    layerText(t, test),
    test.state ?? t('integrationMap.notInReport'),
    test.lastStatus
      ? t('integrationMap.lastStatus', { status: test.lastStatus })
      : null,
  ].filter(Boolean);
  return (
    <div className={classes.test} data-testid="edge-test">
      <Typography variant="body2" component="span">
        <TestLink testId={test.testId}>{test.name}</TestLink>
      </Typography>
      {test.contract && (
        <Chip
          size="small"
          label={t('integrationMap.contractChip', {
            contract: test.contract,
          })}
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
  const { t: tr } = useTranslationRef(testHealthTranslationRef);
  if (edge.tests.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {tr('integrationMap.none')}
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
              {tr('integrationMap.more', { tests: String(rest.length) })}
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
  const { t } = useTranslationRef(testHealthTranslationRef);
  if (edge.hasContract) {
    return (
      <span data-testid="edge-contract">{contractsOf(edge).join(', ')}</span>
    );
  }
  return contractExpected(edge) ? (
    <b className={classes.warning} data-testid="edge-contract">
      {t('integrationMap.none')}
    </b>
  ) : (
    <span className={classes.muted} data-testid="edge-contract">
      {t('integrationMap.noConsumerContract', { kind: edge.kind })}
    </span>
  );
};

const Attention = ({ edge }: { edge: IntegrationEdge }) => {
  const classes = useStyles();
  const { t } = useTranslationRef(testHealthTranslationRef);
  const warning = edgeWarning(t, edge);
  return warning ? (
    <Typography
      variant="body2"
      className={classes.warning}
      data-testid="edge-warning"
    >
      {warning}
    </Typography>
  ) : (
    <Typography variant="body2">
      {edge.observedIn.length > 0
        ? t('integrationMap.testedSeenIn', {
            places: edge.observedIn.join(', '),
          })
        : t('integrationMap.tested')}
    </Typography>
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
  const { t } = useTranslationRef(testHealthTranslationRef);
  const columns: TableColumn<IntegrationEdge>[] = [
    {
      title: t('integrationMap.columns.edge'),
      width: '18%',
      render: e => <Peer edge={e} subject={subject} />,
    },
    {
      title: t('integrationMap.columns.tests'),
      width: '40%',
      render: e => <EdgeTests edge={e} />,
    },
    {
      title: t('integrationMap.columns.contract'),
      width: '12%',
      render: e => <Contract edge={e} />,
    },
    {
      title: t('integrationMap.columns.attention'),
      width: '20%',
      render: e => <Attention edge={e} />,
    },
    {
      title: t('integrationMap.columns.lastSeen'),
      render: e => when(e.lastSeenAt),
    },
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
          edgeWarning(t, e)
            ? { backgroundColor: 'rgba(255, 152, 0, 0.08)' }
            : {},
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
  const { t } = useTranslationRef(testHealthTranslationRef);
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
        {t('integrationMap.loadFailed', { error: state.error.message })}
      </Typography>
    );
  } else if (!state.value || state.value.edges.length === 0) {
    body = (
      <Typography variant="body2" data-testid="integrations-empty">
        {t('integrationMap.emptyBefore', { name: subject.name })}{' '}
        <code>/v1/traces</code> {t('integrationMap.emptyWith')}{' '}
        <code>OTEL_SERVICE_NAME={subject.name}</code>{' '}
        {t('integrationMap.emptyAfter')}
      </Typography>
    );
  } else {
    const m = state.value;
    body = (
      <>
        <Typography variant="body2" data-testid="integration-summary">
          {mapSummary(t, m.edges, m.untestedIntegrationPoints)}
        </Typography>
        <Typography
          variant="body2"
          data-testid="contract-coverage"
          style={{ marginBottom: 8 }}
        >
          {coverageText(t, m.contractCoverage)}
        </Typography>
        <IntegrationMapTable integrations={m} subject={subject} />
      </>
    );
  }
  return (
    <div data-testid="integration-map">
      <InfoCard
        title={t('integrationMap.title')}
        subheader={t('integrationMap.subheader')}
      >
        {body}
      </InfoCard>
    </div>
  );
};

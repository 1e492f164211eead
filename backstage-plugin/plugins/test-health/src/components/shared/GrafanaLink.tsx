import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { Typography } from '@material-ui/core';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { testHealthTranslationRef } from '../../translation';

/** The optional configuration key of Grafana's base URL; without it no Grafana link is shown. */
export const GRAFANA_BASE_URL_KEY = 'testHealth.grafana.baseUrl';

/**
 * The uids of the dashboards that `dashboards/` generates (its `UID`), and the variables each reads
 * from the URL.
 */
export const GRAFANA_DASHBOARDS = {
  component: 'testhealth-component',
  team: 'testhealth-team',
  overview: 'testhealth-overview',
} as const;

/** What a Test Health dashboard is opened on. */
export type GrafanaTarget =
  | { dashboard: 'component'; component: string; team: string | null }
  | { dashboard: 'team'; team: string }
  | { dashboard: 'overview' };

const isHttp = (url: string) => /^https?:\/\/[^/]/i.test(url);

/**
 * The dashboard's address under `baseUrl`, with its variables set from the catalog references
 * (labels are the entity names: `team="team-checkout"`, `namespace="default"`). The component
 * dashboard also gets `backstage`, the address its link back to this Backstage opens.
 * `undefined` when `baseUrl` is not an http(s) address.
 */
export function grafanaDashboardUrl(
  baseUrl: string | undefined,
  target: GrafanaTarget,
  backstageUrl?: string,
): string | undefined {
  if (!baseUrl || !isHttp(baseUrl)) {
    return undefined;
  }
  const vars = new URLSearchParams();
  if (target.dashboard === 'component') {
    const c = parseEntityRef(target.component, { defaultKind: 'component' });
    vars.set('var-namespace', c.namespace);
    if (target.team) {
      vars.set(
        'var-team',
        parseEntityRef(target.team, { defaultKind: 'group' }).name,
      );
    }
    vars.set('var-component', c.name);
    if (backstageUrl && isHttp(backstageUrl)) {
      vars.set('var-backstage', backstageUrl.replace(/\/+$/, ''));
    }
  } else if (target.dashboard === 'team') {
    vars.set(
      'var-team',
      parseEntityRef(target.team, { defaultKind: 'group' }).name,
    );
  }
  const query = vars.toString();
  return `${baseUrl.replace(/\/+$/, '')}/d/${GRAFANA_DASHBOARDS[target.dashboard]}${query ? `?${query}` : ''}`;
}

/** "Open in Grafana" for the dashboard that shows more of this subject; nothing when Grafana is not configured. */
export const GrafanaLink = ({
  target,
  what,
}: {
  target: GrafanaTarget;
  /** What the dashboard adds, for the link's title. */
  what: string;
}) => {
  const config = useApi(configApiRef);
  const { t } = useTranslationRef(testHealthTranslationRef);
  const url = grafanaDashboardUrl(
    config.getOptionalString(GRAFANA_BASE_URL_KEY),
    target,
    config.getOptionalString('app.baseUrl'),
  );
  if (!url) {
    return null;
  }
  return (
    <Typography variant="body2" component="p" style={{ marginTop: 8 }}>
      <Link to={url} title={what} data-testid="grafana-link">
        {t('grafanaLink.open')}
      </Link>{' '}
      <Typography variant="caption" color="textSecondary" component="span">
        ({what})
      </Typography>
    </Typography>
  );
};

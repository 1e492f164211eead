import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  Header,
  HeaderLabel,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AsyncEntityProvider,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import {
  EntityTeamTestHealthContent,
  EntityTestHealthCard,
  EntityTestHealthContent,
} from '../src';

const EntityBody = ({ entity }: { entity: Entity }) => {
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'component':
      // Mounted without isTestHealthAvailable, so that components without the annotation are
      // matched by their name.
      return (
        <Grid container spacing={3}>
          <Grid item xs={12} md={4}>
            <EntityTestHealthCard />
          </Grid>
          <Grid item xs={12}>
            <EntityTestHealthContent />
          </Grid>
        </Grid>
      );
    case 'group':
      return <EntityTeamTestHealthContent />;
    default:
      return (
        <WarningPanel title={`Test Health shows nothing for a ${entity.kind}`} />
      );
  }
};

/**
 * The entity page of the dev app: loads `/catalog/:namespace/:kind/:name` from the catalog
 * backend and provides it to the plugin's components, as an app's entity page does.
 */
export const CatalogEntityPage = () => {
  const { namespace = 'default', kind = '', name = '' } = useParams();
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => catalogApi.getEntityByRef({ kind, namespace, name }),
    [catalogApi, kind, namespace, name],
  );
  const ref = `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    body = (
      <WarningPanel title={`${ref} is not in the catalog`}>
        See the <Link to="/catalog">catalog</Link> for the entities there are.
      </WarningPanel>
    );
  } else {
    body = <EntityBody entity={value} />;
  }

  return (
    <AsyncEntityProvider
      entity={value}
      loading={loading}
      error={error}
      refresh={retry}
    >
      <Page themeId={kind.toLocaleLowerCase('en-US') === 'group' ? 'home' : 'service'}>
        <Header
          title={value?.metadata.title ?? name}
          type={value ? `${value.kind}${value.spec?.type ? ` · ${value.spec.type}` : ''}` : kind}
          subtitle={value?.metadata.description}
        >
          {value && (
            <HeaderLabel
              label="Entity"
              value={<span data-testid="entity-ref">{stringifyEntityRef(value)}</span>}
            />
          )}
          {typeof value?.spec?.owner === 'string' && (
            <HeaderLabel label="Owner" value={value.spec.owner} />
          )}
        </Header>
        <Content>{body}</Content>
      </Page>
    </AsyncEntityProvider>
  );
};

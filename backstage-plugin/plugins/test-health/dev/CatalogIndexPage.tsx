import useAsync from 'react-use/esm/useAsync';
import { Entity } from '@backstage/catalog-model';
import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TEST_HEALTH_COMPONENT_ANNOTATION } from '@testhealth/backstage-plugin-test-health-common';

const entityPath = (e: Entity) =>
  `/catalog/${e.metadata.namespace ?? 'default'}/${e.kind.toLocaleLowerCase('en-US')}/${e.metadata.name}`;

const columns: TableColumn<Entity>[] = [
  { title: 'Kind', render: e => e.kind },
  {
    title: 'Name',
    render: e => (
      <Link to={entityPath(e)} data-testid="catalog-entity">
        {e.metadata.name}
      </Link>
    ),
  },
  { title: 'Owner', render: e => (typeof e.spec?.owner === 'string' ? e.spec.owner : '') },
  {
    title: 'Collector component',
    render: e =>
      e.kind === 'Component'
        ? (e.metadata.annotations?.[TEST_HEALTH_COMPONENT_ANNOTATION] ??
          `${e.metadata.name} (by name)`)
        : '',
  },
  { title: 'Description', render: e => e.metadata.description ?? '' },
];

/** The dev app's catalog: the Components and Groups of the catalog backend. */
export const CatalogIndexPage = () => {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(
    () =>
      catalogApi.getEntities({
        filter: { kind: ['Component', 'Group'] },
        order: [
          { field: 'kind', order: 'asc' },
          { field: 'metadata.name', order: 'asc' },
        ],
      }),
    [catalogApi],
  );
  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else {
    body = (
      <Table<Entity>
        title="Entities"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={value?.items ?? []}
      />
    );
  }
  return (
    <Page themeId="home">
      <Header title="Catalog" subtitle="From the catalog backend (packages/backend)" />
      <Content>{body}</Content>
    </Page>
  );
};

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The only fields the retrievers read: enough to name an entity and its collector subject. */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/**
 * The catalog's entities of a filter, page by page (`queryEntities` with its cursor), with only
 * the fields the retrievers read: a catalog of many thousand entities is never loaded whole.
 */
export async function* catalogPages(
  catalog: CatalogService,
  filter: NonNullable<FactRetrieverContext['entityFilter']>,
  credentials: BackstageCredentials,
  pageSize: number,
): AsyncGenerator<Entity[]> {
  let response = await catalog.queryEntities(
    { filter, fields: ENTITY_FIELDS, limit: pageSize },
    { credentials },
  );
  yield response.items;
  while (response.pageInfo.nextCursor) {
    response = await catalog.queryEntities(
      {
        cursor: response.pageInfo.nextCursor,
        fields: ENTITY_FIELDS,
        limit: pageSize,
      },
      { credentials },
    );
    yield response.items;
  }
}

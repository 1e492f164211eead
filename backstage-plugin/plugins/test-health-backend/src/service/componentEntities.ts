import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  collectorComponentOf,
  TEST_HEALTH_COMPONENT_ANNOTATION,
} from '@testhealth/backstage-plugin-test-health-common';

/**
 * The catalog Components that stand for a collector component (`component:default/payments`):
 * those whose `testhealth.io/component` annotation names it, and the one of its name and
 * namespace that names no other. The same rule as the frontend's, read backwards, so the
 * entity a user sees a test on is the entity its quarantine is authorized against.
 */
export async function componentEntitiesOf(
  catalog: CatalogService,
  collectorComponent: string,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const { name, namespace } = parseEntityRef(collectorComponent, {
    defaultKind: 'component',
  });
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          kind: 'component',
          [`metadata.annotations.${TEST_HEALTH_COMPONENT_ANNOTATION}`]: [
            name,
            `${namespace}/${name}`,
          ],
        },
        {
          kind: 'component',
          'metadata.namespace': namespace,
          'metadata.name': name,
        },
      ],
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials },
  );
  const refs = items
    .filter(entity => {
      const c = collectorComponentOf(entity);
      return c.name === name && c.namespace === namespace;
    })
    .map(entity => stringifyEntityRef(entity));
  return [...new Set(refs)].sort();
}

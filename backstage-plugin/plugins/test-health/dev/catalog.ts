import { Entity } from '@backstage/catalog-model';

/** The demo collector's components and teams, as catalog entities. */
export const DEMO_COMPONENTS: Array<[string, string]> = [
  ['payments', 'team-checkout'],
  ['checkout-web', 'team-checkout'],
  ['inventory', 'team-fulfilment'],
  ['shipping', 'team-fulfilment'],
  ['identity', 'team-platform'],
  ['notifications', 'team-platform'],
];

export const componentEntity = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `${name}-service`,
    namespace: 'default',
    annotations: { 'testhealth.io/component': name },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

export const groupEntity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/** A component the collector does not know, to show that state. */
export const unknownEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'billing', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-checkout' },
};

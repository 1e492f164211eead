import { Entity } from '@backstage/catalog-model';
import { catalogRefFor, catalogRefsOf } from './links';

const entity = (
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
});

describe('catalog links of collector subjects', () => {
  const refs = catalogRefsOf([
    entity('Component', 'payments-service', {
      'testhealth.io/component': 'payments',
    }),
    entity('Component', 'inventory'),
    entity('Group', 'checkout', { 'testhealth.io/team': 'team-checkout' }),
  ]);

  it('leads to the entity that carries the collector name in its annotation', () => {
    expect(catalogRefFor('component:default/payments', refs)).toBe(
      'component:default/payments-service',
    );
    expect(catalogRefFor('group:default/team-checkout', refs)).toBe(
      'group:default/checkout',
    );
    expect(catalogRefFor('component:default/inventory', refs)).toBe(
      'component:default/inventory',
    );
  });

  it('reads a bare owner as a group and keeps what the catalog does not know', () => {
    expect(catalogRefFor('team-checkout', refs)).toBe('group:default/checkout');
    expect(catalogRefFor('user:default/ann', refs)).toBe('user:default/ann');
    expect(catalogRefFor('billing', undefined, 'component')).toBe(
      'component:default/billing',
    );
  });
});

import { Entity } from '@backstage/catalog-model';
import { collectorComponentOf, collectorTeamOf } from './annotations';

const entity = (
  annotations?: Record<string, string>,
  namespace?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-service', namespace, annotations },
  spec: {},
});

describe('collectorComponentOf', () => {
  it('uses the annotation', () => {
    expect(
      collectorComponentOf(entity({ 'testhealth.io/component': 'payments' })),
    ).toEqual({ name: 'payments', namespace: 'default' });
  });
  it('reads a namespace in the annotation', () => {
    expect(
      collectorComponentOf(
        entity({ 'testhealth.io/component': 'shop/payments' }),
      ),
    ).toEqual({ name: 'payments', namespace: 'shop' });
  });
  it('falls back to the entity name and namespace', () => {
    expect(collectorComponentOf(entity(undefined, 'shop'))).toEqual({
      name: 'payments-service',
      namespace: 'shop',
    });
  });
  it('ignores a blank annotation', () => {
    expect(
      collectorComponentOf(entity({ 'testhealth.io/component': ' ' })),
    ).toEqual({ name: 'payments-service', namespace: 'default' });
  });
});

describe('collectorTeamOf', () => {
  it('uses the team annotation', () => {
    expect(
      collectorTeamOf(entity({ 'testhealth.io/team': 'team-checkout' })),
    ).toEqual({ name: 'team-checkout', namespace: 'default' });
  });
});

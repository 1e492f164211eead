import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'test-health' });

/** A test's page, under the organisation page: `/test-health/tests/:testId`. @public */
export const testRouteRef = createSubRouteRef({
  id: 'test-health/test',
  parent: rootRouteRef,
  path: '/tests/:testId',
});

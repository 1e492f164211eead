/**
 * Test Health in Backstage: whether a component's tests can be trusted.
 *
 * @packageDocumentation
 */
export {
  testHealthPlugin,
  EntityTestHealthContent,
  EntityTestHealthCard,
  EntityTeamTestHealthContent,
  TestHealthPage,
} from './plugin';
export { isTestHealthAvailable, isTestHealthTeam } from './conditions';
export * from './api';
export { rootRouteRef, testRouteRef } from './routes';

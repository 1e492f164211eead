/**
 * Test Health's backend plugin: quarantine and release of tests, checked against Backstage
 * permissions and forwarded to the collector.
 *
 * @packageDocumentation
 */
export { testHealthPlugin as default } from './plugin';

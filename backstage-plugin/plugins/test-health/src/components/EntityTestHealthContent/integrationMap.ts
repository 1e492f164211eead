import {
  ContractCoverage,
  EdgeTest,
  IntegrationEdge,
} from '@testhealth/backstage-plugin-test-health-common';
import { count, percent } from '../shared/format';

/**
 * The other end of an edge, seen from the component whose map it is: what it calls, or, for an
 * edge that calls it, the caller. Only a service can be a catalog component; a host, database or
 * broker never is.
 */
export function peerOf(
  edge: IntegrationEdge,
  component: string,
): { name: string; direction: 'calls' | 'called by'; service: boolean } {
  if (edge.caller !== component) {
    return { name: edge.caller, direction: 'called by', service: true };
  }
  return {
    name: edge.target,
    direction: 'calls',
    service: edge.kind === 'service',
  };
}

/** Whether a contract is expected on an edge: a database or broker has no consumer contract. */
export function contractExpected(edge: IntegrationEdge): boolean {
  return edge.kind === 'service' || edge.kind === 'host';
}

/** The contract frameworks of an edge's tests (`pact`, `spring-cloud-contract`, `by-name`). */
export function contractsOf(edge: IntegrationEdge): string[] {
  return [
    ...new Set(edge.tests.map(t => t.contract).filter((c): c is string => !!c)),
  ];
}

/** Why an edge needs attention, in words, or `null` when it is tested and has a contract (or needs none). */
export function edgeWarning(edge: IntegrationEdge): string | null {
  const where =
    edge.observedIn.length > 0 ? ` seen in ${edge.observedIn.join(', ')}` : '';
  if (!edge.tested) {
    return `Untested: no test exercised it; only${where || ' seen outside tests'}.`;
  }
  if (!edge.hasContract && contractExpected(edge)) {
    return 'No contract test covers it.';
  }
  return null;
}

/**
 * A test's layer as its report declares it beside the layer its spans showed, e.g.
 * `integration (observed e2e)`; one word when they agree.
 */
export function layerText(
  test: Pick<EdgeTest, 'layer' | 'observedLayer'>,
): string {
  const declared = test.layer ?? 'not in the report';
  if (!test.observedLayer || test.observedLayer === test.layer) {
    return declared;
  }
  return `${declared} (observed ${test.observedLayer})`;
}

/** Contract coverage in one sentence, with the service edges apart. */
export function coverageText(c: ContractCoverage): string {
  if (c.edges === 0) return 'No edges to cover.';
  const all = `${c.edgesWithContract} of ${count(c.edges, 'edge')} covered by a contract test (${percent(c.share, 0)})`;
  if (c.serviceEdges === 0) return `${all}.`;
  return `${all}; service-to-service: ${c.serviceEdgesWithContract} of ${c.serviceEdges} (${percent(c.serviceShare, 0)}).`;
}

/** The map's headline: edges, untested ones, tests. */
export function mapSummary(edges: IntegrationEdge[], untested: number): string {
  const tests = new Set(edges.flatMap(e => e.tests.map(t => t.testId))).size;
  return `${count(edges.length, 'integration edge')} seen in trace data, ${untested} untested; ${count(tests, 'test')} exercise them.`;
}

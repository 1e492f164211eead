import {
  ContractCoverage,
  EdgeTest,
  IntegrationEdge,
} from '@testhealth/backstage-plugin-test-health-common';
import { count, percent } from '../shared/format';
import { TestHealthTranslate } from '../../translation';

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
export function edgeWarning(
  t: TestHealthTranslate,
  edge: IntegrationEdge,
): string | null {
  if (!edge.tested) {
    return edge.observedIn.length > 0
      ? t('integrationWords.untestedSeenIn', {
          places: edge.observedIn.join(', '),
        })
      : t('integrationWords.untested');
  }
  if (!edge.hasContract && contractExpected(edge)) {
    return t('integrationWords.noContract');
  }
  return null;
}

/**
 * A test's layer as its report declares it beside the layer its spans showed, e.g.
 * `integration (observed e2e)`; one word when they agree.
 */
export function layerText(
  t: TestHealthTranslate,
  test: Pick<EdgeTest, 'layer' | 'observedLayer'>,
): string {
  const declared = test.layer ?? t('integrationWords.notInReport');
  if (!test.observedLayer || test.observedLayer === test.layer) {
    return declared;
  }
  return t('integrationWords.layerObserved', {
    declared,
    observed: test.observedLayer,
  });
}

/** Contract coverage in one sentence, with the service edges apart. */
export function coverageText(
  t: TestHealthTranslate,
  c: ContractCoverage,
): string {
  if (c.edges === 0) return t('integrationWords.noEdges');
  const all = {
    covered: String(c.edgesWithContract),
    edges: count(c.edges, 'edge'),
    share: percent(c.share, 0),
  };
  if (c.serviceEdges === 0) return t('integrationWords.coverage', all);
  return t('integrationWords.coverageWithServices', {
    ...all,
    serviceCovered: String(c.serviceEdgesWithContract),
    serviceEdges: String(c.serviceEdges),
    serviceShare: percent(c.serviceShare, 0),
  });
}

/** The map's headline: edges, untested ones, tests. */
export function mapSummary(
  t: TestHealthTranslate,
  edges: IntegrationEdge[],
  untested: number,
): string {
  const tests = new Set(edges.flatMap(e => e.tests.map(x => x.testId))).size;
  return t('integrationWords.summary', {
    edges: count(edges.length, 'integration edge'),
    untested: String(untested),
    tests: count(tests, 'test'),
  });
}

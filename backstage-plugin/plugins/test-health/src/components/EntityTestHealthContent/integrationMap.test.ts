import { IntegrationEdge } from '@testhealth/backstage-plugin-test-health-common';
import { mockApis } from '@backstage/frontend-test-utils';
import { testHealthTranslationRef } from '../../translation';
import {
  contractsOf,
  coverageText,
  edgeWarning,
  layerText,
  mapSummary,
  peerOf,
} from './integrationMap';

/** The plugin's English words, as an app without overrides has them. */
const english = mockApis.translation().getTranslation(testHealthTranslationRef);
if (!english.ready) throw new Error('the English messages are built in');
const { t } = english;

const edge = (over: Partial<IntegrationEdge>): IntegrationEdge => ({
  caller: 'payments',
  kind: 'service',
  target: 'fraud-check',
  protocols: ['http'],
  tested: true,
  hasContract: false,
  observedIn: [],
  lastSeenAt: '2026-12-04T10:00:00Z',
  tests: [],
  ...over,
});

const test = (testId: string, contract: string | null = null) => ({
  component: 'component:default/payments',
  testId,
  suite: 'com.acme.payments.PaymentsRepositoryIT',
  name: `test ${testId}`,
  observedLayer: 'integration' as const,
  layer: 'integration' as const,
  state: 'healthy' as const,
  lastStatus: 'passed',
  contract,
  lastSeenAt: '2026-12-04T10:00:00Z',
});

describe('integration map words', () => {
  it('names the other end: the target of what the component calls, the caller of what calls it', () => {
    expect(peerOf(edge({}), 'payments')).toEqual({
      name: 'fraud-check',
      direction: 'calls',
      service: true,
    });
    expect(
      peerOf(edge({ kind: 'database', target: 'postgresql' }), 'payments'),
    ).toEqual({ name: 'postgresql', direction: 'calls', service: false });
    expect(
      peerOf(edge({ caller: 'checkout-web', target: 'payments' }), 'payments'),
    ).toEqual({ name: 'checkout-web', direction: 'called by', service: true });
  });

  it('marks untested edges with where they were seen, and service edges without a contract', () => {
    expect(
      edgeWarning(t, edge({ tested: false, observedIn: ['staging', 'qa'] })),
    ).toBe('Untested: no test exercised it; only seen in staging, qa.');
    expect(edgeWarning(t, edge({}))).toBe('No contract test covers it.');
    expect(edgeWarning(t, edge({ kind: 'host', target: 'localhost' }))).toBe(
      'No contract test covers it.',
    );
    // a database or broker has no consumer contract: tested is enough
    expect(
      edgeWarning(t, edge({ kind: 'database', target: 'postgresql' })),
    ).toBeNull();
    expect(edgeWarning(t, edge({ hasContract: true }))).toBeNull();
  });

  it('lists the contract frameworks of the tests once each', () => {
    expect(
      contractsOf(
        edge({ tests: [test('a', 'pact'), test('b'), test('c', 'pact')] }),
      ),
    ).toEqual(['pact']);
  });

  it('says the declared layer, and the observed one only where it differs', () => {
    expect(
      layerText(t, { layer: 'integration', observedLayer: 'integration' }),
    ).toBe('integration');
    expect(layerText(t, { layer: 'integration', observedLayer: 'e2e' })).toBe(
      'integration (observed e2e)',
    );
    expect(layerText(t, { layer: null, observedLayer: 'unit' })).toBe(
      'not in the report (observed unit)',
    );
    expect(layerText(t, { layer: 'unit', observedLayer: null })).toBe('unit');
  });

  it('says the contract coverage with the service edges apart', () => {
    // 2 of 6 = 33%, 1 of 3 = 33%
    expect(
      coverageText(t, {
        edges: 6,
        edgesWithContract: 2,
        share: 2 / 6,
        serviceEdges: 3,
        serviceEdgesWithContract: 1,
        serviceShare: 1 / 3,
      }),
    ).toBe(
      '2 of 6 edges covered by a contract test (33%); service-to-service: 1 of 3 (33%).',
    );
    expect(
      coverageText(t, {
        edges: 1,
        edgesWithContract: 0,
        share: 0,
        serviceEdges: 0,
        serviceEdgesWithContract: 0,
        serviceShare: null,
      }),
    ).toBe('0 of 1 edge covered by a contract test (0%).');
  });

  it('counts the edges and the distinct tests on them', () => {
    // tests a and b on the first edge, b again on the second: 2 tests
    expect(
      mapSummary(
        t,
        [
          edge({ tests: [test('a'), test('b')] }),
          edge({ kind: 'database', target: 'postgresql', tests: [test('b')] }),
          edge({ target: 'ledger', tested: false }),
        ],
        1,
      ),
    ).toBe(
      '3 integration edges seen in trace data, 1 untested; 2 tests exercise them.',
    );
  });
});

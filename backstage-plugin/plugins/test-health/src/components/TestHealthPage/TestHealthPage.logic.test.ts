import { SubjectSummary } from '@testhealth/backstage-plugin-test-health-common';
import { teams, weekly } from '../../__fixtures__';
import { organisationKpis } from './Kpis';
import { rankTeamsWorstFirst } from './TestHealthPage';

describe('organisation KPIs', () => {
  it('says each headline number with its change since last week, in its own unit', () => {
    const organisation = weekly.headline.find(h => h.organisation)!;
    const kpis = organisationKpis(organisation);
    // weekly.json, Organisation: flaky tests 12 → 14; time lost 342.684 s → 587.996 s
    // (9.8 min, +245.312 s = +4.09 min); default-branch pass rate 95.59% → 95.44% (−0.154 points).
    expect(kpis.map(k => [k.id, k.value, k.change, k.direction])).toEqual([
      ['flaky-tests', '14', '+2', 'worse'],
      ['time-lost', '10 min', '+4 min', 'worse'],
      ['pass-rate', '95.4%', '−0.2', 'worse'],
    ]);
  });

  it('calls a fall of flaky tests and a rise of the pass rate better', () => {
    const kpis = organisationKpis({
      ...weekly.headline[0],
      flakyTests: { value: 3, previous: 5, delta: -2, trend: [5, 3] },
      defaultBranchPassRate: {
        value: 0.97,
        previous: 0.95,
        delta: 0.02,
        trend: [0.95, 0.97],
      },
      timeLostToFlakesSeconds: {
        value: 7200,
        previous: null,
        delta: null,
        trend: [null, 7200],
      },
    });
    expect(kpis.map(k => [k.value, k.change, k.direction])).toEqual([
      ['3', '−2', 'better'],
      ['2.0 CI h', '', 'unknown'],
      ['97.0%', '+2.0', 'better'],
    ]);
  });
});

describe('teams ranked worst first', () => {
  it('puts the lowest grade first, then the most flaky tests', () => {
    // teams.json: team-checkout D with 6 flaky, team-fulfilment D with 5, team-platform B.
    const ranked = rankTeamsWorstFirst(teams, weekly);
    expect(ranked.map(t => [t.rank, t.name, t.grade])).toEqual([
      [1, 'team-checkout', 'D'],
      [2, 'team-fulfilment', 'D'],
      [3, 'team-platform', 'B'],
    ]);
  });

  it('breaks ties of grade and flaky tests by broken tests, then by name', () => {
    const team = (name: string, brokenTests: number): SubjectSummary => ({
      ...teams[0],
      name,
      ref: `group:default/${name}`,
      grade: 'C',
      flakyTests: 1,
      brokenTests,
    });
    expect(
      rankTeamsWorstFirst([team('b', 0), team('a', 0), team('c', 2)]).map(
        t => t.name,
      ),
    ).toEqual(['c', 'a', 'b']);
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { CollectorUnavailableError, testHealthApiRef } from '../../api';
import { FakeTestHealthApi, teams, weekly } from '../../__fixtures__';
import { TestHealthPage } from './TestHealthPage';

const render = (api: FakeTestHealthApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[testHealthApiRef, api]]}>
      <TestHealthPage />
    </TestApiProvider>,
  );

describe('TestHealthPage', () => {
  it('ranks the teams by grade and shows the latest weekly review', async () => {
    await render(new FakeTestHealthApi());
    const shown = (await screen.findAllByTestId('org-team')).map(
      e => e.textContent,
    );
    expect([...shown].sort()).toEqual(teams.map(t => t.name).sort());
    const best = [...teams].sort((a, b) => a.grade.localeCompare(b.grade))[0];
    expect(shown[0]).toBe(best.name);
    expect(
      screen.getByText(new RegExp(`Weekly review ${weekly.week}`)),
    ).toBeInTheDocument();
  });

  it('says how to upload when the collector has no data yet', async () => {
    await render(new FakeTestHealthApi({ teams: [] }));
    expect(await screen.findByText('No test results yet')).toBeInTheDocument();
  });

  it('says what to configure when the proxy is misconfigured', async () => {
    await render(
      new FakeTestHealthApi({
        error: new CollectorUnavailableError(
          'HTML',
          'misconfigured',
          'http://x',
        ),
      }),
    );
    expect(
      await screen.findByText(/The Test Health proxy is misconfigured/),
    ).toBeInTheDocument();
  });
});

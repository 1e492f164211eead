import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Grid } from '@material-ui/core';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  SpanView,
  TestSpans,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { FakeTestHealthApi } from '../../__fixtures__';
import { TestSpansSection } from './TestSpansSection';

const span = (
  spanId: string,
  parentSpanId: string | null,
  name: string,
  kind: SpanView['kind'],
  offsetMs: number,
  durationMs: number,
  status: SpanView['status'] = 'ok',
  statusMessage: string | null = null,
): SpanView => ({
  spanId,
  parentSpanId,
  name,
  kind,
  service: 'orders',
  startedAt: '2026-12-07T10:00:01Z',
  offsetMs,
  durationMs,
  status,
  statusMessage,
  attributes: { 'db.system.name': 'postgresql' },
  droppedAttributes: 0,
});

/**
 * Two runs of `saves`, latest first. The latest, as the collector's HTTP test exports it: the test
 * (300 ms), a SELECT at 10 ms for 2.5 ms, a POST at 50 ms for 200 ms failing with 503, an encode
 * under the POST at 60 ms for 0.125 ms. The earlier: the test alone, 40 ms.
 */
const spans: TestSpans = {
  testId: 'cafe0002',
  component: 'component:default/orders',
  keptDays: 14,
  runs: [
    {
      runId: 'r2',
      pipeline: 'p-2',
      job: 'it',
      attempt: 1,
      branch: 'main',
      commit: 'bbbb',
      runUrl: 'https://ci.example/runs/2',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      startedAt: '2026-12-07T10:00:01Z',
      durationMs: 300,
      droppedSpans: 3,
      spans: [
        span('s', null, 'saves', 'internal', 0, 300),
        span('q', 's', 'SELECT orders', 'client', 10, 2.5),
        span(
          'p',
          's',
          'POST /payments',
          'client',
          50,
          200,
          'error',
          '503 from payments',
        ),
        span('e', 'p', 'encode', 'internal', 60, 0.125),
      ],
    },
    {
      runId: 'r1',
      pipeline: 'p-1',
      job: 'it',
      attempt: 2,
      branch: 'main',
      commit: 'aaaa',
      runUrl: null,
      traceId: '0af7651916cd43dd8448eb211c80319c',
      startedAt: '2026-12-06T09:00:00Z',
      durationMs: 40,
      droppedSpans: 0,
      spans: [span('s1', null, 'saves', 'internal', 0, 40)],
    },
  ],
};

class SpansApi extends FakeTestHealthApi {
  calls: string[] = [];

  constructor(private readonly kept: TestSpans) {
    super();
  }

  getTestSpans(testId: string) {
    this.calls.push(testId);
    return Promise.resolve(this.kept);
  }
}

const render = (api: SpansApi, kept: boolean) =>
  renderInTestApp(
    <TestApiProvider apis={[[testHealthApiRef, api]]}>
      <Grid container>
        <TestSpansSection testId="cafe0002" kept={kept} />
        <Grid item>the page goes on</Grid>
      </Grid>
    </TestApiProvider>,
  );

const rowTexts = () =>
  screen.getAllByTestId('span-row').map(r =>
    within(r)
      .getAllByRole('cell')
      .map(c => c.textContent),
  );

describe('TestSpansSection', () => {
  it('draws the latest run as a waterfall: the tree, services, kinds, bars and durations', async () => {
    const api = new SpansApi(spans);
    await render(api, true);

    expect(await screen.findByText('Spans of recent runs')).toBeInTheDocument();
    expect(screen.getByText(/kept 14 days/)).toBeInTheDocument();
    expect(api.calls).toEqual(['cafe0002']);
    expect(rowTexts()).toEqual([
      ['saves', 'orders', 'internal', '', '300 ms'],
      ['SELECT orders', 'orders', 'client', '', '2.5 ms'],
      ['POST /payments', 'orders', 'client', '', '200 ms'],
      ['encode', 'orders', 'internal', '', '0.125 ms'],
    ]);
    const bars = screen.getAllByTestId('span-bar');
    // On the test's 300 ms: the POST from 50/300 = 16.67 % for 200/300 = 66.67 %.
    expect(parseFloat(bars[2].style.left)).toBeCloseTo(16.667, 2);
    expect(parseFloat(bars[2].style.width)).toBeCloseTo(66.667, 2);
    expect(bars[2]).toHaveAttribute(
      'title',
      'starts 50 ms into the test, lasts 200 ms, error: 503 from payments',
    );
    expect(bars[3]).toHaveAttribute(
      'title',
      'starts 60 ms into the test, lasts 0.125 ms',
    );
    expect(screen.getByText('4 spans, test took 300 ms')).toBeInTheDocument();
    expect(
      screen.getByText('3 more spans below the test were not kept.'),
    ).toBeInTheDocument();
    expect(screen.getByText('open in CI').closest('a')).toHaveAttribute(
      'href',
      'https://ci.example/runs/2',
    );
  });

  it('shows an earlier run when it is chosen', async () => {
    await render(new SpansApi(spans), true);
    await screen.findByText('Spans of recent runs');

    await userEvent.click(
      within(screen.getByTestId('span-run-select')).getByRole('button'),
    );
    await userEvent.click(
      await screen.findByRole('option', {
        name: /pipeline p-1 · it \(attempt 2\)/,
      }),
    );

    expect(rowTexts()).toEqual([['saves', 'orders', 'internal', '', '40 ms']]);
    expect(screen.queryByText('open in CI')).toBeNull();
  });

  it('is left out, without asking, when the collector keeps no spans of the test', async () => {
    const api = new SpansApi(spans);
    await render(api, false);

    expect(await screen.findByText('the page goes on')).toBeInTheDocument();
    expect(screen.queryByText('Spans of recent runs')).toBeNull();
    expect(api.calls).toEqual([]);
  });

  it('is left out when the spans expired since the page was read', async () => {
    const api = new SpansApi({ ...spans, runs: [] });
    await render(api, true);

    expect(await screen.findByText('the page goes on')).toBeInTheDocument();
    await screen.findByText('the page goes on');
    expect(api.calls).toEqual(['cafe0002']);
    expect(screen.queryByText('Spans of recent runs')).toBeNull();
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { scorecard } from '../../__fixtures__';
import { ChecksTable } from './ChecksTable';

describe('ChecksTable', () => {
  it('links each pipeline an explanation lists to its CI run, where the report knows it', async () => {
    const broken = scorecard.checks.filter(
      c => c.id === 'pipelines-broken-by-flakes',
    );
    await renderInTestApp(
      <ChecksTable
        checks={broken}
        pipelineRuns={{
          '1187': 'https://ci.example/pipelines/1187',
          '1223': 'https://ci.example/pipelines/1223',
        }}
      />,
    );
    // "pipeline 1187, pipeline 1189, pipeline 1223, pipeline 1225, pipeline 1272, …": two of five are known
    const links = screen.getAllByTestId('pipeline-link');
    expect(links.map(a => a.getAttribute('href'))).toEqual([
      'https://ci.example/pipelines/1187',
      'https://ci.example/pipelines/1223',
    ]);
    expect(screen.getByText('pipeline 1189')).toBeInTheDocument();
    expect(screen.getByTestId('check-items')).toHaveTextContent(
      '5 listed, more not shown',
    );
  });

  it('shows the pipelines as text when the report gives no run links', async () => {
    await renderInTestApp(
      <ChecksTable
        checks={scorecard.checks.filter(
          c => c.id === 'pipelines-broken-by-flakes',
        )}
      />,
    );
    expect(screen.queryByTestId('pipeline-link')).toBeNull();
    expect(screen.getByText('pipeline 1187')).toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  PipelineLinks,
  pipelinePieces,
  runUrlsByPipeline,
} from './PipelineLinks';

describe('pipelinePieces', () => {
  it('finds each pipeline a sentence names, without the punctuation after it', () => {
    expect(
      pipelinePieces(
        'failed in pipeline 103, then in pipeline build-42. Fixed in pipeline 1.2.3',
      ),
    ).toEqual([
      'failed in ',
      { pipeline: '103', text: 'pipeline 103' },
      ', then in ',
      { pipeline: 'build-42', text: 'pipeline build-42' },
      '. Fixed in ',
      { pipeline: '1.2.3', text: 'pipeline 1.2.3' },
    ]);
    expect(pipelinePieces('passed on a re-run of the same commit')).toEqual([
      'passed on a re-run of the same commit',
    ]);
  });
});

describe('runUrlsByPipeline', () => {
  it('keeps the newest linked run of each pipeline', () => {
    expect(
      runUrlsByPipeline([
        { pipeline: '104', runUrl: '' },
        { pipeline: '103', runUrl: 'https://ci.example/runs/103-retry' },
        { pipeline: '103', runUrl: 'https://ci.example/runs/103' },
        { pipeline: '', runUrl: 'https://ci.example/runs/x' },
      ]),
    ).toEqual({ '103': 'https://ci.example/runs/103-retry' });
  });
});

describe('PipelineLinks', () => {
  it('links the pipelines whose run is known and leaves the others as text', async () => {
    await renderInTestApp(
      <p data-testid="sentence">
        <PipelineLinks
          text="flaky in pipeline 103 and pipeline 104"
          runUrls={{ '103': 'https://ci.example/runs/103' }}
        />
      </p>,
    );
    // the link adds "Opens in a new window" for screen readers
    expect(screen.getByTestId('sentence')).toHaveTextContent(
      /^flaky in pipeline 103.* and pipeline 104$/,
    );
    const links = screen.getAllByTestId('pipeline-link');
    expect(links).toHaveLength(1);
    expect(links[0].textContent).toMatch(/^pipeline 103\b/);
    expect(links[0]).toHaveAttribute('href', 'https://ci.example/runs/103');
  });
});

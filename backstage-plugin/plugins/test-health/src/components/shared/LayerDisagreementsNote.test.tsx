import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { LayerDisagreementsNote } from './LayerDisagreementsNote';

describe('LayerDisagreementsNote', () => {
  it('names each example with both layers, links it to its page and counts the rest', async () => {
    await renderInTestApp(
      <LayerDisagreementsNote
        disagreements={{
          tests: 7,
          examples: [
            {
              testId: 't-adds',
              test: 'CartTest.adds',
              declared: 'unit',
              source: 'naming',
              observed: 'integration',
            },
            {
              testId: 't-pays',
              test: 'PayIT.pays',
              declared: 'integration',
              source: 'tag',
              observed: 'e2e',
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText(/7 tests declared in one layer/),
    ).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'CartTest.adds' });
    expect(link.getAttribute('href')).toContain('t-adds');
    expect(
      screen.getByText(
        /unit from a naming convention \(\*IT, e2e package\); its spans show integration/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /integration from a tag on the test; its spans show e2e/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('and 5 more tests')).toBeInTheDocument();
  });

  it('says nothing when no test disagrees or the collector is older', async () => {
    const { container } = await renderInTestApp(
      <div>
        <LayerDisagreementsNote disagreements={{ tests: 0, examples: [] }} />
        <LayerDisagreementsNote />
      </div>,
    );
    expect(
      container.querySelector('[data-testid="layer-disagreements"]'),
    ).toBeNull();
  });
});

import { mockApis } from '@backstage/frontend-test-utils';
import { testHealthTranslationRef } from '../../translation';
import { layerSourceText } from './format';

/** The plugin's English words, as an app without overrides has them. */
const english = mockApis.translation().getTranslation(testHealthTranslationRef);
if (!english.ready) throw new Error('the English messages are built in');
const { t } = english;

describe('layerSourceText', () => {
  it('says a layer seen in traces in plain words', () => {
    expect(layerSourceText(t, 'trace')).toBe(
      'seen in traces (what its spans touched; nothing was declared)',
    );
    expect(layerSourceText(t, 'TRACE')).toBe(
      'seen in traces (what its spans touched; nothing was declared)',
    );
  });

  it('keeps the declared sources and reads an unknown one as words', () => {
    expect(layerSourceText(t, 'naming')).toBe(
      'a naming convention (*IT, e2e package)',
    );
    expect(layerSourceText(t, 'some_new_source')).toBe('some new source');
    expect(layerSourceText(t, null)).toBe('no declaration or rule: unknown');
  });
});

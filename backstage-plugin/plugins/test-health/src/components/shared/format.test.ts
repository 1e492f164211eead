import { layerSourceText } from './format';

describe('layerSourceText', () => {
  it('says a layer seen in traces in plain words', () => {
    expect(layerSourceText('trace')).toBe(
      'seen in traces (what its spans touched; nothing was declared)',
    );
    expect(layerSourceText('TRACE')).toBe(
      'seen in traces (what its spans touched; nothing was declared)',
    );
  });

  it('keeps the declared sources and reads an unknown one as words', () => {
    expect(layerSourceText('naming')).toBe(
      'a naming convention (*IT, e2e package)',
    );
    expect(layerSourceText('some_new_source')).toBe('some new source');
    expect(layerSourceText(null)).toBe('no declaration or rule: unknown');
  });
});

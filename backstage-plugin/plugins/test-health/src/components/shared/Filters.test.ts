import { FilterSpec, filterOptions, filterRows } from './Filters';

interface Row {
  name: string;
  owner: string | null;
  layer: string;
}

const rows: Row[] = [
  { name: 'a', owner: 'team-x', layer: 'unit' },
  { name: 'b', owner: null, layer: 'e2e' },
  { name: 'c', owner: 'team-y', layer: 'unit' },
  { name: 'd', owner: 'team-x', layer: 'e2e' },
];
const specs: FilterSpec<Row>[] = [
  { id: 'owner', label: 'Owner', value: r => r.owner },
  { id: 'layer', label: 'Layer', value: r => r.layer },
];

describe('table filters', () => {
  it('keeps the rows that match every chosen value', () => {
    expect(filterRows(rows, specs, {}).map(r => r.name)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(
      filterRows(rows, specs, { owner: 'team-x' }).map(r => r.name),
    ).toEqual(['a', 'd']);
    expect(
      filterRows(rows, specs, { owner: 'team-x', layer: 'e2e' }).map(
        r => r.name,
      ),
    ).toEqual(['d']);
  });

  it('offers each value once, sorted, with rows without a value as (none)', () => {
    expect(filterOptions(rows, specs[0])).toEqual([
      '(none)',
      'team-x',
      'team-y',
    ]);
    expect(
      filterRows(rows, specs, { owner: '(none)' }).map(r => r.name),
    ).toEqual(['b']);
  });
});

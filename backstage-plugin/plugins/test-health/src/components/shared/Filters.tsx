import { ReactNode, useState } from 'react';
import {
  Box,
  Typography,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
} from '@material-ui/core';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { testHealthTranslationRef } from '../../translation';

/** A column a table can be filtered by: owner, layer, state, branch. */
export interface FilterSpec<T> {
  id: string;
  label: string;
  value: (row: T) => string | null | undefined;
}

/** Shown for a row without a value (a test without an owner). */
export const NONE = '(none)';

const ALL = '';

/** The rows whose values equal every chosen value (an empty choice lets every row through). */
export function filterRows<T>(
  rows: T[],
  specs: FilterSpec<T>[],
  chosen: Record<string, string>,
): T[] {
  return rows.filter(row =>
    specs.every(spec => {
      const want = chosen[spec.id] ?? ALL;
      return want === ALL || (spec.value(row) || NONE) === want;
    }),
  );
}

/** The values a filter offers: those of the rows, sorted, each once. */
export function filterOptions<T>(rows: T[], spec: FilterSpec<T>): string[] {
  return [...new Set(rows.map(r => spec.value(r) || NONE))].sort((a, b) =>
    a.localeCompare(b),
  );
}

/** Filter state of a table. */
export function useFilters<T>(rows: T[], specs: FilterSpec<T>[]) {
  const [chosen, setChosen] = useState<Record<string, string>>({});
  return {
    rows: filterRows(rows, specs, chosen),
    bar: (
      <FilterBar
        rows={rows}
        specs={specs}
        chosen={chosen}
        onChange={(id, value) => setChosen(c => ({ ...c, [id]: value }))}
      />
    ),
  };
}

/** One select per filter, above a table. */
export function FilterBar<T>({
  rows,
  specs,
  chosen,
  onChange,
}: {
  rows: T[];
  specs: FilterSpec<T>[];
  chosen: Record<string, string>;
  onChange: (id: string, value: string) => void;
}) {
  const { t } = useTranslationRef(testHealthTranslationRef);
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      {specs.map(spec => (
        <FormControl key={spec.id} size="small" style={{ minWidth: 140 }}>
          <InputLabel id={`filter-${spec.id}`} shrink>
            {spec.label}
          </InputLabel>
          <Select
            labelId={`filter-${spec.id}`}
            value={chosen[spec.id] ?? ALL}
            displayEmpty
            onChange={e => onChange(spec.id, String(e.target.value))}
            data-testid={`filter-${spec.id}`}
          >
            <MenuItem value={ALL}>{t('filters.all')}</MenuItem>
            {filterOptions(rows, spec).map(v => (
              <MenuItem key={v} value={v}>
                {v}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      ))}
    </Box>
  );
}

/** A table's title with its filters beside it (the table's own search box stays on the right). */
export const TableTitle = ({
  title,
  filters,
}: {
  title: string;
  filters: ReactNode;
}) => (
  <Box display="flex" alignItems="flex-end" flexWrap="wrap" style={{ gap: 8 }}>
    <Typography variant="h5" component="h2" style={{ marginRight: 16 }}>
      {title}
    </Typography>
    {filters}
  </Box>
);

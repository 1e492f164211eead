import { makeStyles, Theme } from '@material-ui/core';

const useStyles = makeStyles((theme: Theme) => ({
  line: { fill: 'none', stroke: theme.palette.primary.main, strokeWidth: 2 },
  dot: { fill: theme.palette.primary.main },
  scale: {
    display: 'inline-flex',
    flexDirection: 'column',
    justifyContent: 'space-between',
    fontSize: 10,
    lineHeight: 1,
    color: theme.palette.text.secondary,
  },
}));

/**
 * A small line of weekly values; gaps where a week has no value. With `format`, its scale (the
 * highest and lowest value) is written beside it: a line alone cannot tell 2 from 200.
 */
export const Sparkline = ({
  values,
  label,
  width = 120,
  height = 32,
  format,
}: {
  values: Array<number | null>;
  label: string;
  width?: number;
  height?: number;
  format?: (value: number) => string;
}) => {
  const classes = useStyles();
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) {
    return <span aria-label={`${label}: no data`}>–</span>;
  }
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 8) / (values.length - 1) : 0;
  const points = values.map((v, i) =>
    v === null
      ? null
      : { x: 4 + i * step, y: height - 4 - ((v - min) / span) * (height - 8) },
  );
  const path = points
    .map((p, i) =>
      p === null
        ? ''
        : `${i === 0 || points[i - 1] === null ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`,
    )
    .join(' ');
  const svg = (
    <svg width={width} height={height} role="img" aria-label={label}>
      <path d={path} className={classes.line} />
      {points.map((p, i) =>
        p === null ? null : (
          <circle key={i} cx={p.x} cy={p.y} r={2.5} className={classes.dot} />
        ),
      )}
    </svg>
  );
  if (!format) {
    return svg;
  }
  return (
    <span style={{ display: 'inline-flex', alignItems: 'stretch', gap: 4 }}>
      {svg}
      <span
        className={classes.scale}
        data-testid="sparkline-scale"
        aria-label={`${label}: from ${format(min)} to ${format(max)}`}
      >
        <span>{format(max)}</span>
        <span>{format(min)}</span>
      </span>
    </span>
  );
};

import { makeStyles, Theme, Typography } from '@material-ui/core';
import { PyramidView } from '@testhealth/backstage-plugin-test-health-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { testHealthTranslationRef } from '../../translation';
import { percent } from './format';

const useStyles = makeStyles((theme: Theme) => ({
  actual: { fill: theme.palette.primary.main },
  target: {
    fill: 'none',
    stroke: theme.palette.text.primary,
    strokeWidth: 2,
    strokeDasharray: '4 3',
  },
  unknown: { fill: theme.palette.grey[500] },
  label: { fill: theme.palette.text.primary, fontSize: 12 },
  muted: { fill: theme.palette.text.secondary, fontSize: 11 },
}));

const LAYERS = ['e2e', 'integration', 'unit'] as const;

/**
 * The test pyramid as horizontal bars, top layer first, each centred like a pyramid:
 * filled bar = share of classified tests, dashed outline = the target profile.
 */
export const PyramidChart = ({
  pyramid,
  compact = false,
}: {
  pyramid: PyramidView;
  compact?: boolean;
}) => {
  const classes = useStyles();
  const { t: tr } = useTranslationRef(testHealthTranslationRef);
  const width = compact ? 260 : 420;
  const rowHeight = compact ? 22 : 30;
  const labelWidth = compact ? 78 : 96;
  const valueWidth = compact ? 0 : 120;
  const barArea = width - labelWidth - valueWidth;
  const classified =
    pyramid.unit.tests + pyramid.integration.tests + pyramid.e2e.tests;
  const rows = LAYERS.map(key => ({
    key,
    label: tr(`pyramid.${key}`),
    tests: pyramid[key].tests,
    share: classified > 0 ? pyramid[key].tests / classified : 0,
    target: pyramid.profile[key],
  }));
  const height = rows.length * rowHeight + 8;
  const total = classified + pyramid.unknown.tests;
  return (
    <div>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={tr('pyramid.chartLabel', {
          layers: rows
            .map(r =>
              tr('pyramid.layerLabel', {
                layer: r.label,
                share: percent(r.share, 0),
                target: percent(r.target, 0),
              }),
            )
            .join(', '),
        })}
      >
        {rows.map((row, i) => {
          const y = 4 + i * rowHeight;
          const w = Math.max(row.share * barArea, row.tests > 0 ? 2 : 0);
          const t = row.target * barArea;
          const cx = labelWidth + barArea / 2;
          return (
            <g key={row.key} data-testid={`pyramid-${row.key}`}>
              <text x={0} y={y + rowHeight / 2 + 4} className={classes.label}>
                {row.label}
              </text>
              <rect
                x={cx - w / 2}
                y={y + 2}
                width={w}
                height={rowHeight - 6}
                className={classes.actual}
                rx={2}
              />
              <rect
                x={cx - t / 2}
                y={y + 1}
                width={t}
                height={rowHeight - 4}
                className={classes.target}
              />
              {!compact && (
                <text
                  x={labelWidth + barArea + 8}
                  y={y + rowHeight / 2 + 4}
                  className={classes.muted}
                >
                  {`${row.tests} · ${percent(row.share, 0)} / ${percent(row.target, 0)}`}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Typography variant="caption" color="textSecondary" component="div">
        {tr('pyramid.legend', { profile: pyramid.profile.name })}{' '}
        <span data-testid="pyramid-unknown">
          {tr('pyramid.unclassified', {
            unknown: String(pyramid.unknown.tests),
            total: String(total),
          })}
        </span>
        {!compact &&
          pyramid.topHeaviness !== null &&
          ` · ${tr('pyramid.topHeaviness', {
            value: pyramid.topHeaviness.toFixed(2),
          })}`}
        {!compact &&
          pyramid.contractTests > 0 &&
          ` · ${tr('pyramid.contractTests', {
            tests: String(pyramid.contractTests),
          })}`}
      </Typography>
    </div>
  );
};

import { makeStyles, Theme, Typography } from '@material-ui/core';
import { Level } from '@testhealth/backstage-plugin-test-health-common';

const useStyles = makeStyles((theme: Theme) => ({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    borderRadius: theme.shape.borderRadius,
    color: theme.palette.common.white,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  small: { minWidth: 28, height: 28, fontSize: 16 },
  large: { minWidth: 64, height: 64, fontSize: 36 },
  good: { backgroundColor: theme.palette.success.main },
  fair: { backgroundColor: theme.palette.warning.main },
  bad: { backgroundColor: theme.palette.error.main },
  unknown: { backgroundColor: theme.palette.grey[600] },
}));

function tone(grade: string): 'good' | 'fair' | 'bad' | 'unknown' {
  if (grade === 'A' || grade === 'B') return 'good';
  if (grade === 'C') return 'fair';
  if (grade === 'D' || grade === 'E' || grade === 'F') return 'bad';
  return 'unknown';
}

/** A grade letter on a coloured square, with the level beside it. */
export const GradeBadge = (props: {
  grade: string;
  level?: Level;
  size?: 'small' | 'large';
}) => {
  const classes = useStyles();
  const { grade, level, size = 'small' } = props;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <span
        className={`${classes.badge} ${classes[size]} ${classes[tone(grade)]}`}
        aria-label={`grade ${grade}`}
        data-testid="grade"
      >
        {grade}
      </span>
      {level !== undefined && (
        <Typography
          component="span"
          variant={size === 'large' ? 'h6' : 'body2'}
          data-testid="level"
        >
          {level === 'none' ? 'Below Bronze' : level}
        </Typography>
      )}
    </span>
  );
};

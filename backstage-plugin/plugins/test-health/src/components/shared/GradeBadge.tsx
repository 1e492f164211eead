import { makeStyles, Theme, Tooltip } from '@material-ui/core';
import { Level } from '@testhealth/backstage-plugin-test-health-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  TestHealthTranslate,
  testHealthTranslationRef,
} from '../../translation';

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

const LEVEL_NAMES = {
  Gold: 'gradeBadge.gold',
  Silver: 'gradeBadge.silver',
  Bronze: 'gradeBadge.bronze',
  none: 'gradeBadge.belowBronze',
} as const satisfies Record<Level, string>;

/** What a grade stands for, in words: `C is Bronze.` */
export function gradeMeaning(
  t: TestHealthTranslate,
  grade: string,
  level?: Level,
): string {
  if (grade === '-' || !level) {
    return grade === '-' ? t('gradeBadge.noGrade') : '';
  }
  return t('gradeBadge.meaning', { grade, level: t(LEVEL_NAMES[level]) });
}

/**
 * A grade letter on a coloured square. The letter is the only grading word on screen: the level
 * it stands for, and how letters follow from levels, are in its tooltip.
 */
export const GradeBadge = (props: {
  grade: string;
  level?: Level;
  size?: 'small' | 'large';
}) => {
  const classes = useStyles();
  const { t } = useTranslationRef(testHealthTranslationRef);
  const { grade, level, size = 'small' } = props;
  const meaning = gradeMeaning(t, grade, level);
  return (
    <Tooltip
      title={t('gradeBadge.tooltip', {
        meaning,
        fromLevel: t('gradeBadge.fromLevel'),
      })}
    >
      <span
        className={`${classes.badge} ${classes[size]} ${classes[tone(grade)]}`}
        aria-label={
          meaning
            ? t('gradeBadge.labelWithMeaning', { grade, meaning })
            : t('gradeBadge.label', { grade })
        }
        data-testid="grade"
        data-level={level}
      >
        {grade}
      </span>
    </Tooltip>
  );
};

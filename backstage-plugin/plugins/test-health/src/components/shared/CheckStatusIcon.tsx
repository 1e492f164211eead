import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { CheckStatus } from '@testhealth/backstage-plugin-test-health-common';
import { testHealthTranslationRef } from '../../translation';

/** A check's status with Backstage's status icons. */
export const CheckStatusIcon = ({ status }: { status: CheckStatus }) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  switch (status) {
    case 'pass':
      return <StatusOK>{t('checkStatus.pass')}</StatusOK>;
    case 'fail':
      return <StatusError>{t('checkStatus.fail')}</StatusError>;
    default:
      return <StatusPending>{t('checkStatus.insufficientData')}</StatusPending>;
  }
};

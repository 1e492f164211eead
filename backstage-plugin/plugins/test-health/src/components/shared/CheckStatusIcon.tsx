import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { CheckStatus } from '@testhealth/backstage-plugin-test-health-common';

/** A check's status with Backstage's status icons. */
export const CheckStatusIcon = ({ status }: { status: CheckStatus }) => {
  switch (status) {
    case 'pass':
      return <StatusOK>pass</StatusOK>;
    case 'fail':
      return <StatusError>fail</StatusError>;
    default:
      return <StatusPending>insufficient data</StatusPending>;
  }
};

import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Quarantining a test, or releasing it. A quarantined test still runs and is measured, but CI
 * that reads the quarantine list stops failing on it: a decision for the people who own the
 * test, so organisations that run Backstage's permission framework can grant it per role.
 * @public
 */
export const testHealthQuarantinePermission = createPermission({
  name: 'test-health.test.quarantine',
  attributes: { action: 'update' },
});

/** Every permission of the Test Health plugins, for a permission policy to list. @public */
export const testHealthPermissions = [testHealthQuarantinePermission];

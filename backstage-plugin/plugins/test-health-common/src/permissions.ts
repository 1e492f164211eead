import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Quarantining a test, or releasing it. A quarantined test still runs and is measured, but CI
 * that reads the quarantine list stops failing on it: a decision for the people who own the
 * test. The resource is the catalog entity of the test's component, so a permission policy can
 * grant it with the catalog's conditions, e.g. "the owners of this component may quarantine its
 * tests" (`catalogConditions.isEntityOwner` of `@backstage/plugin-catalog-backend/alpha`).
 * @public
 */
export const testHealthQuarantinePermission = createPermission({
  name: 'test-health.test.quarantine',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the Test Health plugins, for a permission policy to list. @public */
export const testHealthPermissions = [testHealthQuarantinePermission];

import { Entity } from '@backstage/catalog-model';
import { TEST_HEALTH_COMPONENT_ANNOTATION } from '@testhealth/backstage-plugin-test-health-common';

/**
 * Whether an entity shows the Tests tab: a Component with the `testhealth.io/component`
 * annotation. Components without it are still matched by name and namespace when the tab is
 * mounted unconditionally.
 * @public
 */
export function isTestHealthAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    Boolean(entity.metadata.annotations?.[TEST_HEALTH_COMPONENT_ANNOTATION])
  );
}

/** Whether an entity is a Group, which shows the team scorecard. @public */
export function isTestHealthTeam(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'group';
}

import { Entity } from '@backstage/catalog-model';

/**
 * Names the collector's component for a catalog entity, e.g.
 * `testhealth.io/component: payments` (or `shop/payments` for another namespace).
 * @public
 */
export const TEST_HEALTH_COMPONENT_ANNOTATION = 'testhealth.io/component';

/**
 * Names the collector's team for a Group entity; defaults to the group's name.
 * @public
 */
export const TEST_HEALTH_TEAM_ANNOTATION = 'testhealth.io/team';

/** A subject (component or team) as the collector names it. @public */
export interface CollectorSubject {
  name: string;
  namespace: string;
}

function parse(value: string | undefined, entity: Entity): CollectorSubject {
  const fallbackNamespace = entity.metadata.namespace ?? 'default';
  const trimmed = value?.trim();
  if (!trimmed) {
    return { name: entity.metadata.name, namespace: fallbackNamespace };
  }
  const slash = trimmed.indexOf('/');
  if (slash > 0) {
    return {
      namespace: trimmed.slice(0, slash),
      name: trimmed.slice(slash + 1),
    };
  }
  return { name: trimmed, namespace: fallbackNamespace };
}

/**
 * The collector component of a catalog entity: its annotation, else its name and namespace.
 * @public
 */
export function collectorComponentOf(entity: Entity): CollectorSubject {
  return parse(
    entity.metadata.annotations?.[TEST_HEALTH_COMPONENT_ANNOTATION],
    entity,
  );
}

/**
 * The collector team of a Group entity: its annotation, else its name and namespace.
 * @public
 */
export function collectorTeamOf(entity: Entity): CollectorSubject {
  return parse(
    entity.metadata.annotations?.[TEST_HEALTH_TEAM_ANNOTATION],
    entity,
  );
}

import { ReactNode, createContext, useContext, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApiHolder, useRouteRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  collectorComponentOf,
  collectorTeamOf,
} from '@testhealth/backstage-plugin-test-health-common';
import { testRouteRef } from '../../routes';
import { shortRef } from './format';

/**
 * The collector's subject references (`component:default/payments`, `group:default/team-x`) mapped
 * to the catalog entities that stand for them: a catalog component may carry another name with the
 * `testhealth.io/component` annotation, so a link to the collector's name could lead nowhere.
 */
export type CatalogRefs = Map<string, string>;

/** Keys of the map: what the collector calls an entity's component or team. */
export function catalogRefsOf(entities: Entity[]): CatalogRefs {
  const refs: CatalogRefs = new Map();
  for (const entity of entities) {
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if (kind === 'component') {
      const c = collectorComponentOf(entity);
      refs.set(`component:${c.namespace}/${c.name}`, stringifyEntityRef(entity));
    } else if (kind === 'group') {
      const t = collectorTeamOf(entity);
      refs.set(`group:${t.namespace}/${t.name}`, stringifyEntityRef(entity));
    }
  }
  return refs;
}

const CatalogRefsContext = createContext<CatalogRefs | undefined>(undefined);

/** The page's catalog references; `undefined` while they load or without a catalog API. */
export function useCatalogRefs(): CatalogRefs | undefined {
  return useContext(CatalogRefsContext);
}

/**
 * Loads the catalog's components and groups once for a page, when the app has a catalog API;
 * links then go to the entity that stands for a collector subject.
 */
export const CatalogRefsProvider = ({ children }: { children: ReactNode }) => {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value } = useAsync(async () => {
    if (!catalogApi) return new Map() as CatalogRefs;
    const { items } = await catalogApi.getEntities({
      filter: [{ kind: 'Component' }, { kind: 'Group' }],
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations'],
    });
    return catalogRefsOf(items);
  }, [catalogApi]);
  return (
    <CatalogRefsContext.Provider value={value}>
      {children}
    </CatalogRefsContext.Provider>
  );
};

/**
 * The catalog entity reference for a collector reference or owner: the mapped entity when the
 * catalog has one; else the reference itself, with `group:default/` assumed for a bare name
 * (owners are often written `team-x`).
 */
export function catalogRefFor(
  ref: string,
  refs: CatalogRefs | undefined,
  defaultKind: 'component' | 'group' = 'group',
): string {
  const full = stringifyEntityRef(parseEntityRef(ref, { defaultKind }));
  return refs?.get(full) ?? full;
}

/** A component, team or owner of the collector as a link to its catalog page. */
export const CatalogLink = ({
  entityRef,
  defaultKind = 'group',
  testId,
}: {
  entityRef: string | null | undefined;
  defaultKind?: 'component' | 'group';
  testId?: string;
}) => {
  const refs = useContext(CatalogRefsContext);
  let entityRoute: unknown;
  try {
    // An app without the catalog's entity page bound (a plugin's dev app) gets plain links to
    // Backstage's default entity path instead of an error.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    entityRoute = useRouteRef(entityRouteRef);
  } catch {
    entityRoute = undefined;
  }
  if (!entityRef) return <span data-testid={testId}>–</span>;
  let target: string;
  try {
    target = catalogRefFor(entityRef, refs, defaultKind);
  } catch {
    // Not an entity reference (free text in an owner field): shown as it is.
    return <span data-testid={testId}>{entityRef}</span>;
  }
  if (entityRoute) {
    return (
      <span data-testid={testId}>
        <EntityRefLink entityRef={target} title={shortRef(entityRef)} />
      </span>
    );
  }
  const { kind, namespace, name } = parseEntityRef(target);
  return (
    <span data-testid={testId}>
      <Link
        to={`/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`}
      >
        {shortRef(entityRef)}
      </Link>
    </span>
  );
};

/**
 * The path of a test's page. The page is the organisation page's `/tests/:testId`; where that
 * page is not mounted (an app with only the entity tab), the plain `/test-health` path is used.
 */
export function useTestPath(): (testId: string) => string {
  let route: ((params: { testId: string }) => string) | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    route = useRouteRef(testRouteRef);
  } catch {
    route = undefined;
  }
  return useMemo(
    () => (testId: string) =>
      route
        ? route({ testId })
        : `/test-health/tests/${encodeURIComponent(testId)}`,
    [route],
  );
}

/** A test's name as a link to its page. */
export const TestLink = ({
  testId,
  children,
}: {
  testId: string;
  children: ReactNode;
}) => {
  const path = useTestPath();
  return (
    <Link to={path(testId)} data-testid="test-link">
      {children}
    </Link>
  );
};

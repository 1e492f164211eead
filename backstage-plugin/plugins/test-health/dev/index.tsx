import { CatalogClient } from '@backstage/catalog-client';
import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createDevApp } from '@backstage/dev-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import AssessmentIcon from '@material-ui/icons/Assessment';
import CategoryIcon from '@material-ui/icons/Category';
import { TestHealthPage, testHealthPlugin } from '../src';
import { CatalogEntityPage } from './CatalogEntityPage';
import { CatalogIndexPage } from './CatalogIndexPage';

// Entities come from the catalog backend of packages/backend, the collector through its proxy.
createDevApp()
  .registerPlugin(testHealthPlugin)
  .registerApi(
    createApiFactory({
      api: catalogApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CatalogClient({ discoveryApi, fetchApi }),
    }),
  )
  .addPage({ path: '/catalog', title: 'Catalog', icon: CategoryIcon, element: <CatalogIndexPage /> })
  .addPage({ path: '/catalog/:namespace/:kind/:name', element: <CatalogEntityPage /> })
  // The sidebar entry the README gives for Root.tsx: AssessmentIcon, "Test Health".
  .addPage({ path: '/test-health', title: 'Test Health', icon: AssessmentIcon, element: <TestHealthPage /> })
  .render();

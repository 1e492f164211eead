/*
 * A minimal Backstage backend for the Test Health plugin's browser test and local development:
 * the catalog (entities from a static file), the proxy (to the collector), guest sign-in,
 * Tech Insights with the Test Health fact retriever and the test-health plugin (quarantines).
 * Not for production.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@testhealth/backstage-plugin-tech-insights-backend-module-test-health'),
);
backend.add(import('@testhealth/backstage-plugin-test-health-backend'));

backend.start();

/*
 * A minimal Backstage backend for the Test Health plugin's browser test and local development:
 * the catalog (entities from a static file), the proxy (to the collector) and guest sign-in.
 * Not for production.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.start();

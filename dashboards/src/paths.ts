// Where things are, from the compiled file (dashboards/build/src/*.js) up to the repository root.
export const REPOSITORY = new URL('../../../', import.meta.url);
export const DASHBOARDS = new URL('dashboards/', REPOSITORY);

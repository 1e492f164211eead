export * from './TestHealthApi';
export * from './TestHealthClient';
export * from './errors';

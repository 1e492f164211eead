/**
 * Types and annotations shared by the Test Health Backstage plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './annotations';
export * from './permissions';

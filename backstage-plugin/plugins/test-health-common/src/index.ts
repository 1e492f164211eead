/**
 * Types and annotations shared by the Test Health Backstage plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './spans';
export * from './annotations';
export * from './permissions';

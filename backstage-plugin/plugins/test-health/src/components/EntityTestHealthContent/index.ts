export { EntityTestHealthContent } from './EntityTestHealthContent';

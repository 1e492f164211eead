export { EntityTestHealthCard } from './EntityTestHealthCard';

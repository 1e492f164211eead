export { TeamTestHealthContent } from './TeamTestHealthContent';

export { TestHealthPage } from './TestHealthPage';

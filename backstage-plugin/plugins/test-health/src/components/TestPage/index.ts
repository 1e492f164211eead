export { TestPage, TestPageBody } from './TestPage';

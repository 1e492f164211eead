export { QuarantineDialog } from './QuarantineDialog';
export type { QuarantineInput } from './QuarantineDialog';

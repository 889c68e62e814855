export * from './outcomes.js';
export { createWorkflow, type SubmitArgs, type Workflow, type WorkflowDeps } from './workflow.js';

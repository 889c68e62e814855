export * from './access-decision.js';
export { instrumentWorkflow, type OutcomeListener } from './instrument.js';
export * from './outcomes.js';
export * from './request-context.js';
export { createWorkflow, type SubmitArgs, type Workflow, type WorkflowDeps } from './workflow.js';

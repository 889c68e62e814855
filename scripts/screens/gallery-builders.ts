// Which surface builders (src/messages, src/views/modals) the gallery shows, and which it leaves out and why.
// test/scripts/gallery.test.ts keeps both lists honest against the builders that exist.

/** The builders whose surfaces the scripted session (session.ts) shows. */
export const GALLERY_BUILDERS = [
  'helpMessage',
  'searchResultsMessage',
  'provisionModal',
  'workingModal',
  'resultModal',
  'requestStoryMessage',
  'requestCard',
  'decidedCard',
  'executionOutcomeMessage',
  'loadingModal',
  'eligibilityMessage',
  'portinModal',
  'reminderThreadReply',
  'orderRootMessage',
  'orderUpdateMessage',
  'portinUpdateModal',
  'orderStatusMessage',
  'errorModal',
  'openOrdersMessage',
  'portinCancelModal',
  'requesterNotice',
  'usageMessage',
  'numberCard',
  'customerCard',
  'customerPortinModal',
  'lineChangeModal',
  'planModal',
  'plansMessage',
  'protectionCard',
  'protectModal',
  'numberUpdateModal',
  'limitsModal',
  'historyMessage',
  'errorMessage',
  'portoutModal',
  'revealedSecretMessage',
  'rejectReasonModal',
  'subscriberModal',
  'appHomeView',
  'accessRefusalMessage',
  'accessRefusalModal',
  'accessRefusalHome',
  'digestMessage',
  'reminderDm',
  'portDateHeadsUp',
] as const;
export type GalleryBuilder = (typeof GALLERY_BUILDERS)[number] | '(the channel)';

/**
 * Surface builders the gallery leaves out, each with the reason (a builder nobody sees, or one the session
 * cannot reach).
 */
export const NOT_IN_GALLERY: Record<string, string> = {
  stepNotCompletedReply:
    'a Workflow Builder step Slack will not let the app complete: the session runs no workflow; ' +
    'test/e2e/workflow-step-give-up.test.ts shows it in the request thread',
  planEndModal:
    'End plan… on the card of a cancelled or parked line that kept its plan: the session cancels no line on a ' +
    'plan; test/e2e/plans-end.test.ts opens and files it',
  errorHome:
    'App Home when building it failed (the store not answering): the scripted session keeps its store up; ' +
    'test/slack/listener-errors.test.ts shows the line',
  decidedReminderDm:
    'a reminder DM redrawn after its Approve / Reject was pressed: the session leaves its swap SIM waiting; ' +
    'test/e2e/approve-where.test.ts and test/messages/approval-reminder.test.ts show it',
  batchStoryMessage:
    'the story of a request for several new lines ("Provisioned 2 of 3: …"): the scripted session provisions one ' +
    'number; test/e2e/provision-several.test.ts and test/messages/batch-story.test.ts show it',
  batchThreadUpdateMessage:
    "a batch's numbers' status changes in its request's thread, each line naming its number: the scripted session " +
    'ports no batch; test/jobs/outbox-batch-threads.test.ts shows it',
  portinCancelAllModal:
    "Cancel all… on a port-in batch's story (its open numbers, the finished ones left out): the scripted session " +
    'ports no batch; test/e2e/portin-cancel-all.test.ts opens and files it',
  portinListModal:
    'the summary of `/telegent portin n1 n2 …` (which numbers can be ported in, Continue with the rest): the ' +
    'scripted session ports one number in; test/e2e/portin-batch.test.ts opens it and continues from it',
  requestOutcomeMessage:
    'reads a stored request into executionOutcomeMessage, whose every outcome (succeeded, failed, unknown) the ' +
    'gallery shows',
};

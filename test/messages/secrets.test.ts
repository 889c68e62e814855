import { describe, expect, it } from 'vitest';
import { appHomeView } from '../../src/messages/app-home-view.js';
import { decidedCard } from '../../src/messages/decided-card.js';
import { executionOutcomeMessage } from '../../src/messages/execution-outcome-message.js';
import { requestCard } from '../../src/messages/request-card.js';
import { requestStoryMessage } from '../../src/messages/request-story.js';
import { revealedSecretMessage } from '../../src/messages/revealed-secret-message.js';
import { redactInput } from '../../src/operations/operation.js';
import { operations } from '../../src/operations/registry.js';
import { portinUpdateModal } from '../../src/views/modals/portin-update-modal.js';
import { NOW, requestRecord } from './fixtures.js';

const PIN = '97531864';
const ACCOUNT = 'ACCT-55512345';
const PASSWORD = 'Hunter2-Pass';
const SECRETS = [PIN, ACCOUNT, PASSWORD];

const portInInput = {
  phoneNumber: '+18015551234',
  currentCarrierName: 'Verizon',
  currentAccountNumber: ACCOUNT,
  currentAccountPassword: PASSWORD,
  billingAddress: { street1: '1 Main St', city: 'Lehi', state: 'UT', zip: '84043' },
  targetClassification: 'mvno',
} as const;
const portOutInput = { phoneNumber: '+18015551234', pin: PIN, verificationMethod: 'Photo ID in store' };

function expectNoSecrets(payload: unknown) {
  const json = JSON.stringify(payload);
  for (const secret of SECRETS) expect(json).not.toContain(secret);
}

describe('secrets never reach a channel builder', () => {
  // Even if a caller mistakenly stores the raw (unredacted) input on the record, the cards do not render it.
  const requests = [
    requestRecord({ kind: 'portin', input: portInInput }),
    requestRecord({ kind: 'portout', input: portOutInput }),
    requestRecord({ kind: 'portin', input: redactInput(operations.portin, portInInput) }),
  ];

  it('requestCard / decidedCard / requestLink / outcome with the redacted summaries', () => {
    for (const request of requests) {
      const summary =
        request.kind === 'portout'
          ? operations.portout.summary(portOutInput)
          : operations.portin.summary(portInInput as never);
      expectNoSecrets(requestCard({ request, title: 'T', summary, sandbox: true }));
      for (const decision of ['approved', 'rejected', 'expired', 'cancelled'] as const)
        expectNoSecrets(decidedCard({ request, title: 'T', summary, decision, by: 'U0A', at: NOW }));
      for (const step of ['waiting', 'approved', 'rejected', 'expired', 'cancelled'] as const)
        expectNoSecrets(
          requestStoryMessage({ request, title: 'T', summary, step, permalink: 'https://x.slack.com/a' }),
        );
      expectNoSecrets(
        executionOutcomeMessage({ title: 'T', status: 'succeeded', orderId: 'JNOID-1', summary }),
      );
    }
  });

  it('App Home', () => {
    expectNoSecrets(
      appHomeView({
        userId: 'U0REQUESTER',
        now: NOW,
        myRequests: requests,
        waitingForMe: requests,
        openOrders: [],
      }),
    );
  });

  it('portinUpdateModal never pre-fills stored secrets', () => {
    expectNoSecrets(portinUpdateModal({ orderId: 'JNUOID-1', stored: portInInput, metadata: '{}' }));
  });

  it('revealedSecretMessage is the one builder that shows the PIN', () => {
    const reveal = { title: 'Port-out PIN for (801) 555-1234', secret: PIN, note: 'Order `JNOID-1`.' };
    expect(JSON.stringify(revealedSecretMessage(reveal))).toContain(PIN);
  });
});

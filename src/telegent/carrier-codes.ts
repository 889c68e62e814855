/** What a carrier / Telegent reject code means and the Slack command that fixes it. */
export interface CarrierCodeExplanation {
  code: string;
  /** A few words for a list row: "account number wrong". */
  short: string;
  explanation: string;
  fix: string;
  /** The port-in fields the code says are wrong (form field names); empty when no field can fix it. */
  fields: readonly string[];
  /** What to tell the person when no field fixes it (e.g. a number lock removed at the carrier). */
  note?: string;
}

type Entry = {
  short: string;
  explanation: string;
  fix: (orderId: string) => string;
  fields?: readonly string[];
  note?: string;
};

const CODES: Record<string, Entry> = {
  '8A': {
    short: 'account number wrong',
    explanation: 'the losing carrier says the account number is missing or wrong',
    fix: (id) => `fix it with /telegent portin update ${id}`,
    fields: ['currentAccountNumber'],
  },
  '6P': {
    short: 'number locked at Verizon',
    explanation: 'the number is locked (port/number lock) on the Verizon account',
    fix: (id) =>
      `ask the customer to remove the number lock with Verizon, then resubmit with /telegent portin update ${id}`,
    fields: [],
    note: 'No field here fixes it: the customer must remove the number lock with Verizon first. Then resubmit by sending any correction (the port date, for example).',
  },
  '1P': {
    short: 'port details do not match',
    explanation:
      'the losing carrier rejected the port details (name, account number, PIN or billing address do not match)',
    fix: (id) => `check the details with the customer and correct them with /telegent portin update ${id}`,
    fields: ['subscriberName', 'currentAccountNumber', 'currentAccountPassword', 'billingAddress'],
  },
  '6B': {
    short: 'T-Mobile transfer PIN wrong or expired',
    explanation: 'the T-Mobile transfer PIN is missing, wrong or expired',
    fix: (id) =>
      `ask the customer for a fresh T-Mobile transfer PIN and send it with /telegent portin update ${id}`,
    fields: ['currentAccountPassword'],
  },
  'GENS-0041': {
    short: 'no open port-in at Telegent',
    explanation: 'Telegent has no open port-in for this order (it is finished, cancelled or stuck)',
    fix: (id) =>
      `check /telegent status ${id}; if it still shows open, escalate to support@telegent.com with the OrderId, or start again with /telegent portin <number>`,
  },
};

// Codes arrive as "8A-ACCOUNT_NUM_REQ_OR_INCORRECT", "6P-REMOVE NUMBER LOCK…", "1P-Other", "6B",
// or inside a sentence ("GENS-0041: No Port-In request found").
const PATTERN = /(?:^|[^A-Za-z0-9])(GENS-0041|8A|6P|1P|6B)(?=$|[^A-Za-z0-9])/i;

/**
 * Finds a known carrier code in an `OrderStatusMessage` or error `Message` and explains it.
 * `orderId` fills the command; without it the command shows `<OrderId>`.
 */
export function explainCarrierCode(
  text: string | null | undefined,
  orderId?: string,
): CarrierCodeExplanation | undefined {
  if (!text) return undefined;
  const match = PATTERN.exec(text);
  if (!match?.[1]) return undefined;
  const code = match[1].toUpperCase();
  const entry = CODES[code];
  if (!entry) return undefined;
  return {
    code,
    short: entry.short,
    explanation: entry.explanation,
    fix: entry.fix(orderId ?? '<OrderId>'),
    fields: entry.fields ?? [],
    ...(entry.note ? { note: entry.note } : {}),
  };
}

export const KNOWN_CARRIER_CODES = Object.keys(CODES);

/**
 * `/telegent <subcommand> …` → what the user asked for. Pure: validation of the values themselves
 * (phone numbers, OrderIds) happens in the ops schemas, so every message about a value comes from one place.
 */
export type TelegentCommand =
  | { name: 'help'; unknown?: string }
  | { name: 'search'; term: string }
  | { name: 'provision'; areaCode?: string }
  /** `classification`: a last word that is not part of the number (mvno / iot; checked by the schema). */
  | { name: 'portin'; phoneNumber?: string; classification?: string }
  | { name: 'portin-update'; orderId?: string }
  | { name: 'portin-cancel'; orderId?: string }
  | { name: 'portout'; phoneNumber?: string }
  | { name: 'limits'; numbers: string }
  /** `park n1 n2 …` / `activate n1 n2 …`: one line change for a list of numbers. */
  | { name: 'line-change-list'; kind: 'park' | 'activate'; numbers: string }
  | { name: 'usage'; phoneNumber?: string }
  | { name: 'number'; phoneNumber?: string }
  | { name: 'status'; orderId?: string }
  | { name: 'orders' }
  | { name: 'digest'; args: string }
  /** `subscriber new` (other actions are answered with the usage). */
  | { name: 'subscriber'; action: string }
  /** `account [AID-…|off]` (distributors). */
  | { name: 'account'; arg: string }
  | { name: 'history'; target?: string }
  /** `customer <email | name | +1… | TSUID-…>`. */
  | { name: 'customer'; query?: string }
  | { name: 'plans' }
  /** `protect <+1…>`: the line's AI Guardian card. */
  | { name: 'protect'; phoneNumber?: string };

export const MAX_COMMAND_TEXT = 2_000;

/** Slack sends `<tel:+18015551234|(801) 555-1234>` when it auto-links a number: keep what the user saw. */
function unwrapSlackLinks(text: string): string {
  return text.replace(/<(?:tel:|mailto:)?[^|>]*\|([^>]*)>/g, '$1').replace(/<(?:tel:)?([^>|]*)>/g, '$1');
}

export function parseCommand(text: string): TelegentCommand {
  const clean = unwrapSlackLinks(text.slice(0, MAX_COMMAND_TEXT)).trim();
  const [first = '', ...rest] = clean.split(/\s+/);
  const sub = first.toLowerCase();
  const args = rest.join(' ').trim();
  const opt = (value: string) => (value === '' ? undefined : value);
  switch (sub) {
    case '':
    case 'help':
      return { name: 'help' };
    case 'search':
      return { name: 'search', term: args };
    case 'provision':
      return { name: 'provision', areaCode: opt(args) };
    case 'portin': {
      const [action = '', ...more] = rest;
      const target = more.join(' ').trim();
      if (action.toLowerCase() === 'update') return { name: 'portin-update', orderId: opt(target) };
      if (action.toLowerCase() === 'cancel') return { name: 'portin-cancel', orderId: opt(target) };
      const last = rest.at(-1) ?? '';
      if (rest.length > 1 && /^[a-z]+$/i.test(last)) {
        return { name: 'portin', phoneNumber: opt(rest.slice(0, -1).join(' ')), classification: last };
      }
      return { name: 'portin', phoneNumber: opt(args) };
    }
    case 'portout':
      return { name: 'portout', phoneNumber: opt(args) };
    case 'limits':
      return { name: 'limits', numbers: args };
    case 'park':
    case 'activate':
      return { name: 'line-change-list', kind: sub, numbers: args };
    case 'usage':
      return { name: 'usage', phoneNumber: opt(args) };
    case 'number':
      return { name: 'number', phoneNumber: opt(args) };
    case 'status':
      return { name: 'status', orderId: opt(args) };
    case 'orders':
      return { name: 'orders' };
    case 'digest':
      return { name: 'digest', args };
    case 'history':
      return { name: 'history', target: opt(args) };
    case 'account':
      return { name: 'account', arg: args };
    case 'customer':
      return { name: 'customer', query: opt(args) };
    case 'protect':
      return { name: 'protect', phoneNumber: opt(args) };
    case 'subscriber':
      return { name: 'subscriber', action: args.toLowerCase() };
    case 'plans':
      return { name: 'plans' };
    default:
      return { name: 'help', unknown: first.slice(0, 40) };
  }
}

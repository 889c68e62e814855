import { isOperationKind, operations } from '../operations/registry.js';
import { type AccessAction, operationAccess } from '../requests/index.js';
import { parseCommand, type TelegentCommand } from './parse-command.js';

type Name = TelegentCommand['name'];
type Rule<N extends Name> = (c: Extract<TelegentCommand, { name: N }>) => AccessAction;

/**
 * What each subcommand lets a person do, for the access gate (src/slack/access-gate.ts). A subcommand named
 * after the operation it runs (search, provision, portin, usage, status, limits…) needs what the operation's
 * definition says (`mutates`: a request; else a read). The others say it here, typed over every one of them,
 * so a new subcommand cannot be added without either being an operation or saying which it is.
 */
const OWN_RULES: { [N in Exclude<Name, keyof typeof operations>]: Rule<N> } = {
  help: () => 'home',
  subscriber: () => operationAccess(operations['subscriber-new']),
  // The number card: details, usage, open orders and history, all reads (its buttons open request forms).
  number: () => 'read',
  orders: () => 'read',
  // Turning the channel's digest on or off changes what the channel gets: a requester's act; showing it is a read.
  digest: (c) => (/\b(on|off)\b/i.test(c.args) ? 'request' : 'read'),
  // Naming an account binds the channel to it: approvers only (its own rule); without one it shows the binding.
  account: (c) => (c.arg.trim() ? 'approve' : 'read'),
  history: () => 'read',
  // The customer card: their lines, open requests and history, all reads (its buttons open request forms).
  customer: () => 'read',
  // The account's plans and prices: a read.
  plans: () => 'read',
  // `park n1 n2 …` / `activate …` file one line change: what that operation needs.
  'line-change-list': (c) => operationAccess(operations[c.kind]),
};

export function commandAccess(text: string): AccessAction {
  const parsed = parseCommand(text);
  if (isOperationKind(parsed.name)) return operationAccess(operations[parsed.name]);
  return (OWN_RULES[parsed.name] as Rule<Name>)(parsed);
}

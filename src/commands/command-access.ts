import type { AccessAction } from '../requests/index.js';
import { parseCommand, type TelegentCommand } from './parse-command.js';

/**
 * What each subcommand lets a person do, for the access gate (src/slack/access-gate.ts): reads answer from
 * Telegent, requests open a form or file one; help reads nothing. Typed over every subcommand, so a new one
 * cannot be added without saying which it is.
 */
const COMMAND_ACCESS: {
  [N in TelegentCommand['name']]: (c: Extract<TelegentCommand, { name: N }>) => AccessAction;
} = {
  help: () => 'home',
  search: () => 'read',
  provision: () => 'request',
  portin: () => 'request',
  'portin-update': () => 'request',
  'portin-cancel': () => 'request',
  portout: () => 'request',
  limits: () => 'request',
  usage: () => 'read',
  number: () => 'read',
  status: () => 'read',
  orders: () => 'read',
  // Turning the channel's digest on or off changes what the channel gets: a requester's act; showing it is a read.
  digest: (c) => (/\b(on|off)\b/i.test(c.args) ? 'request' : 'read'),
  subscriber: () => 'request',
  // Naming an account binds the channel to it: approvers only (its own rule); without one it shows the binding.
  account: (c) => (c.arg.trim() ? 'approve' : 'read'),
  history: () => 'read',
};

export function commandAccess(text: string): AccessAction {
  const parsed = parseCommand(text);
  return (COMMAND_ACCESS[parsed.name] as (c: TelegentCommand) => AccessAction)(parsed);
}

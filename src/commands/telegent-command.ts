import type { AppContext } from '../app-context.js';
import type { CommandArgs } from '../slack/listener-args.js';
import { ackTimeLeft } from '../slack/within-ack-deadline.js';
import { account } from './account.js';
import { type CommandContext, replier } from './command-context.js';
import { customer } from './customer.js';
import { digest } from './digest.js';
import { help } from './help.js';
import { history } from './history.js';
import { limits } from './limits.js';
import { lineChangeList } from './line-change-list.js';
import { number } from './number.js';
import { orders } from './orders.js';
import { parseCommand, type TelegentCommand } from './parse-command.js';
import { plans } from './plans.js';
import { portin } from './portin.js';
import { portinCancel } from './portin-cancel.js';
import { portinUpdate } from './portin-update.js';
import { portout } from './portout.js';
import { protect } from './protect.js';
import { provision } from './provision.js';
import { search } from './search.js';
import { status } from './status.js';
import { subscriber } from './subscriber.js';
import { usage } from './usage.js';

type Handlers = {
  [N in TelegentCommand['name']]: (
    c: CommandContext<Extract<TelegentCommand, { name: N }>>,
  ) => Promise<unknown>;
};

const HANDLERS: Handlers = {
  help,
  search,
  provision,
  portin,
  'portin-update': portinUpdate,
  'portin-cancel': portinCancel,
  portout,
  limits,
  'line-change-list': lineChangeList,
  usage,
  number,
  status,
  orders,
  digest,
  subscriber,
  account,
  history,
  customer,
  plans,
  protect,
};

/** Every subcommand `/telegent` answers (tests walk them all). */
export const SUBCOMMANDS = Object.keys(HANDLERS) as TelegentCommand['name'][];

/**
 * `/telegent …`: ack at once (Slack's 3 s), then parse and dispatch. A failure is the one error path's: an
 * ephemeral sentence, or the modal the handler left loading turned into it.
 */
export function telegentCommand(ctx: AppContext) {
  return async function onTelegent({ command, ack, respond, client, context }: CommandArgs): Promise<void> {
    await ack();
    const parsed = parseCommand(command.text ?? '');
    const reply = replier(respond);
    const handler = HANDLERS[parsed.name] as (c: CommandContext<TelegentCommand>) => Promise<unknown>;
    await handler({ parsed, slash: command, client, ctx, reply, ackTimeLeft: () => ackTimeLeft(context) });
  };
}

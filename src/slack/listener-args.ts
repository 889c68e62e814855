import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockButtonAction,
  ButtonAction,
  OverflowAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

/** What Bolt hands each kind of listener (tests build these with a fake client). */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
/** A button, or an overflow ("⋯") menu option: both carry the value the listener acts on. */
export type ButtonOrMenuArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction | OverflowAction>> &
  AllMiddlewareArgs;

/** The value of a clicked button or of the chosen overflow option. */
export function clickedValue(action: ButtonAction | OverflowAction): string | undefined {
  return action.type === 'overflow' ? action.selected_option?.value : action.value;
}
export type ViewSubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;
export type AppHomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

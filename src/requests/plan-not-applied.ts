/**
 * Said in an unknown outcome's read-back when the form chose a plan: the new line's plan step is only made from a
 * known answer, so the person is told to put the line on its plan. The detail is mrkdwn written by us: the plan's
 * name (Telegent's words) loses the characters that would format it.
 */
export function planNotAppliedWords(planName: string, phoneNumber: string | undefined): string {
  const where = phoneNumber
    ? `\`/telegent number ${phoneNumber}\``
    : 'its number card (`/telegent number +1…`) once the number shows';
  return `Its plan ${planName.replace(/[*_~`<>&]/g, '')} was not applied; put it on a plan from ${where}.`;
}

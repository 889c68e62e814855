/** WebClient joins `slackApiUrl + method`, so the base must end with a slash. */
export function normaliseSlackApiUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

import type { KnownBlock } from '@slack/types';
import { formatPhone } from '../operations/glossary.js';
import type { AvailabilityResponse } from '../telegent/response-schemas.js';
import type { ProvisionFromSearchValue, SearchPageValue } from './action-values.js';
import {
  actions,
  button,
  context,
  header,
  type MessagePayload,
  message,
  sandboxBlocks,
  section,
} from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, LIMITS, oneLine } from './limits.js';

export interface SearchResultsArgs {
  response: AvailabilityResponse;
  query: { areaCode?: string | undefined; zipCode?: string | undefined };
  /** 1-based; clamped to the pages there are. */
  page?: number | undefined;
  /** Areas per page (1–40; default 10) so a page never passes 50 blocks. */
  pageSize?: number | undefined;
  sandbox?: boolean | undefined;
}

export const SEARCH_MAX_PAGE_SIZE = 40;

const short = (v: string | null | undefined) => (v ? oneLine(v, 10) : undefined);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeQuery(q: SearchResultsArgs['query']): string {
  return (
    [q.areaCode ? `area code ${q.areaCode}` : undefined, q.zipCode ? `ZIP ${q.zipCode}` : undefined]
      .filter(Boolean)
      .join(' / ') || 'any area'
  );
}

/** `/telegent search`: available areas (or numbers), one page, each with a "Provision…" button. */
export function searchResultsMessage(args: SearchResultsArgs): MessagePayload {
  const pageSize = Math.min(Math.max(1, Math.floor(args.pageSize ?? 10)), SEARCH_MAX_PAGE_SIZE);
  const where = escapeMrkdwn(oneLine(describeQuery(args.query), 100));
  const areas = args.response.AvailableNumberAreas;
  const numbers = args.response.NumbersAvailable.map((n) => n.Number);
  const items = areas.length > 0 ? areas.length : numbers.length;
  const pages = Math.max(1, Math.ceil(items / pageSize));
  const page = Math.min(Math.max(1, Math.floor(args.page ?? 1)), pages);
  const start = (page - 1) * pageSize;
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    header(`Free numbers: ${describeQuery(args.query)}`),
  ];

  if (items === 0) {
    blocks.push(section(`No numbers are free in ${where}. Try a neighboring area code or ZIP code.`));
    return message(`No numbers available in ${describeQuery(args.query)}`, blocks, args.sandbox);
  }

  const counted = areas.length > 0 ? plural(items, 'place', 'places') : plural(items, 'number', 'numbers');
  blocks.push(
    context(`${counted} with free numbers in ${where}${pages > 1 ? ` · page ${page} of ${pages}` : ''}`),
  );

  if (areas.length > 0) {
    for (const area of areas.slice(start, start + pageSize)) {
      const value: ProvisionFromSearchValue = {
        ...(short(area.AreaCode) ? { areaCode: short(area.AreaCode) } : {}),
        ...(short(area.Zipcode) ? { zipCode: short(area.Zipcode) } : {}),
      };
      // The area code the person searched is in the heading; NGP (Telegent's gateway provider) means nothing here.
      const searchedArea = args.query.areaCode !== undefined && area.AreaCode === args.query.areaCode;
      const label = [
        area.AreaCode && !searchedArea
          ? `*Area code ${escapeMrkdwn(oneLine(area.AreaCode, 20))}*`
          : undefined,
        area.Zipcode ? `*ZIP ${escapeMrkdwn(oneLine(area.Zipcode, 20))}*` : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
      blocks.push(
        section(label || 'Area', {
          accessory: button({
            text: 'Provision…',
            actionId: ACTION.provisionFromSearch,
            value: JSON.stringify(value),
          }),
        }),
      );
    }
  } else {
    const list = numbers
      .slice(start, start + pageSize)
      .map((n) => `• ${escapeMrkdwn(oneLine(formatPhone(n), 30))}`);
    const value: ProvisionFromSearchValue = {
      ...(short(args.query.areaCode) ? { areaCode: short(args.query.areaCode) } : {}),
      ...(short(args.query.zipCode) ? { zipCode: short(args.query.zipCode) } : {}),
    };
    blocks.push(
      section(list.join('\n'), {
        accessory: button({
          text: 'Provision…',
          actionId: ACTION.provisionFromSearch,
          value: JSON.stringify(value),
        }),
      }),
    );
  }

  if (pages > 1) {
    const pageValue = (p: number) => {
      const v: SearchPageValue = {
        areaCode: short(args.query.areaCode),
        zipCode: short(args.query.zipCode),
        page: p,
      };
      return JSON.stringify(v);
    };
    // action_ids must be unique within a block: Previous and Next get one actions block each.
    if (page > 1)
      blocks.push(
        actions(
          [button({ text: '‹ Previous page', actionId: ACTION.searchPage, value: pageValue(page - 1) })],
          'search-prev',
        ),
      );
    if (page < pages)
      blocks.push(
        actions(
          [button({ text: 'Next page ›', actionId: ACTION.searchPage, value: pageValue(page + 1) })],
          'search-next',
        ),
      );
  }
  return message(
    `${items} available ${areas.length > 0 ? 'areas' : 'numbers'} in ${describeQuery(args.query)} (page ${page} of ${pages})`,
    blocks.slice(0, LIMITS.messageBlocks),
    args.sandbox,
  );
}

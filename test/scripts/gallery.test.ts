import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksToHtml, mrkdwnToHtml, surfaceToHtml } from '../../scripts/screens/block-kit-html.js';
import { GALLERY_BUILDERS, NOT_IN_GALLERY } from '../../scripts/screens/gallery-builders.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** Functions that build a whole surface (a message, a card, a modal, App Home), by the project's naming. */
const SURFACE = /(Message|Card|View|Notice|Reply|Dm|HeadsUp|Modal|Home)$/;
// Generic shapes the builders are made of, not surfaces of their own.
const GENERIC = new Set(['modal', 'infoModal', 'sentenceMessage']);

async function surfaceBuilders(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const file of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts'))) {
    const module = (await import(join(ROOT, dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module))
      if (typeof value === 'function' && SURFACE.test(name) && !GENERIC.has(name)) names.push(name);
  }
  return names;
}

describe('the gallery (npm run screens)', () => {
  it('shows every surface builder of src/messages and src/views/modals, or says why not', async () => {
    const builders = [
      ...(await surfaceBuilders('src/messages')),
      ...(await surfaceBuilders('src/views/modals')),
    ];
    expect(builders.length).toBeGreaterThan(20);
    const shown = new Set<string>(GALLERY_BUILDERS);
    const missing = builders.filter((name) => !shown.has(name) && !(name in NOT_IN_GALLERY));
    expect(missing, 'builders with neither a gallery surface nor a reason in NOT_IN_GALLERY').toEqual([]);
    // The lists stay true: nothing listed that does not exist, nothing both shown and excused.
    expect([...shown, ...Object.keys(NOT_IN_GALLERY)].filter((name) => !builders.includes(name))).toEqual([]);
    expect(Object.keys(NOT_IN_GALLERY).filter((name) => shown.has(name))).toEqual([]);
    expect(Object.values(NOT_IN_GALLERY).every((reason) => reason.length > 10)).toBe(true);
  });

  it('renders Block Kit as a person sees it: mentions, dates in local time, formatting, and no raw markup', () => {
    const html = mrkdwnToHtml(
      '*Port-in* of <@U0REQ> in <#C0SUP> at <!date^1764590400^{date_short_pretty} {time}|Dec 1> — `JNUOID-1` &lt;script&gt; :white_check_mark:',
      { users: { U0REQ: 'maya' }, channels: { C0SUP: 'support' } },
    );
    expect(html).toContain('<b>Port-in</b>');
    expect(html).toContain('@maya');
    expect(html).toContain('#support');
    expect(html).toContain('Mon, Dec 1 7:00 AM');
    expect(html).toContain('<code>JNUOID-1</code>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('✅');
    expect(html).not.toMatch(/<!date|<@|<#/);
    // A quote as the builders send it (">") or escaped ("&gt;"): a quote either way, no marker left.
    expect(mrkdwnToHtml('Rejected\n>too far\n&gt;ask again')).toBe(
      'Rejected<br><span class="quote">too far</span><br><span class="quote">ask again</span>',
    );
  });

  it('draws inputs as Slack does: empty ones keep their height, dates in words, placeholders shown', () => {
    const plain = (text: string) => ({ type: 'plain_text', text });
    const input = (element: object) => ({ type: 'input', label: plain('Field'), element });
    const html = blocksToHtml([
      input({ type: 'plain_text_input' }),
      input({ type: 'plain_text_input', multiline: true, initial_value: '+18015550101\n+18015550102' }),
      input({ type: 'datepicker', initial_date: '2026-12-11' }),
      input({ type: 'datepicker', placeholder: plain('Pick a business day') }),
      input({ type: 'number_input', placeholder: plain('e.g. 500') }),
      input({ type: 'checkboxes', options: [{ text: plain('Notify'), value: 'true' }] }),
    ]);
    // An empty input without a placeholder still holds a line (not a 2-pixel bar).
    expect(html).toContain('<span class="textinput">&nbsp;</span>');
    expect(html).toContain('<span class="textarea">+18015550101\n+18015550102</span>');
    expect(html).toContain('Dec 11, 2026');
    expect(html).not.toContain('2026-12-11');
    expect(html).toContain('<span class="placeholder">Pick a business day</span>');
    expect(html).toContain('<span class="placeholder">e.g. 500</span>');
    expect(html).toContain('<span class="checkbox"></span>');
  });

  it('renders every block kind the app sends, and marks a kind it does not know instead of dropping it', () => {
    const html = blocksToHtml([
      { type: 'header', text: { type: 'plain_text', text: 'Approval needed' } },
      {
        type: 'section',
        fields: [{ type: 'mrkdwn', text: '*Number*\n(801) 555-0100' }],
        accessory: { type: 'overflow' },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'SANDBOX' }] },
      {
        type: 'actions',
        elements: [{ type: 'button', style: 'primary', text: { type: 'plain_text', text: 'Approve' } }],
      },
      {
        type: 'input',
        label: { type: 'plain_text', text: 'Reason' },
        element: { type: 'plain_text_input' },
        optional: true,
      },
      { type: 'divider' },
      { type: 'video' },
    ]);
    for (const text of [
      'Approval needed',
      '(801) 555-0100',
      'SANDBOX',
      'Approve',
      'Reason',
      '(optional)',
      '<hr>',
    ])
      expect(html).toContain(text);
    expect(html).toContain('[video block]');
    const page = surfaceToHtml({
      name: 'x',
      where: '#support',
      kind: 'modal',
      payload: {
        title: { type: 'plain_text', text: 'Provision a number' },
        submit: { type: 'plain_text', text: 'Submit' },
        blocks: [],
      },
    });
    expect(page).toContain('Provision a number');
    expect(page).toContain('class="button primary">Submit');
  });
});

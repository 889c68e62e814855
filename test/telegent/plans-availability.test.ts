import { describe, expect, it } from 'vitest';
import { TELEGENT_ENDPOINTS } from '../../src/telegent/endpoints.js';
import { TelegentError } from '../../src/telegent/errors.js';
import { isPlansNotEnabled } from '../../src/telegent/plans-availability.js';

const E = TELEGENT_ENDPOINTS;
const error = (endpoint: string, status: number, telegentMessage?: string) =>
  new TelegentError({ kind: 'http', endpoint, status, telegentMessage });

describe('isPlansNotEnabled', () => {
  it('403 on any plans path', () => {
    expect(isPlansNotEnabled(error(E.subscriptionCreate.path, 403, 'Forbidden'))).toBe(true);
    expect(isPlansNotEnabled(error(E.accountPackages.path, 403))).toBe(true);
  });

  it('a 404 about the path, not about an id', () => {
    const unknownPath =
      "No HTTP resource was found that matches the request URI 'https://api.telegent.com/v1.0/subscriptions'.";
    expect(isPlansNotEnabled(error(E.subscriptionCreate.path, 404, unknownPath))).toBe(true);
    expect(isPlansNotEnabled(error(E.subscriptionCreate.path, 404))).toBe(true);
    expect(isPlansNotEnabled(error(E.subscriptionCreate.path, 404, 'Subscriber not found'))).toBe(false);
    expect(isPlansNotEnabled(error(E.packageDetails.path, 404, 'Package not found'))).toBe(false);
    expect(isPlansNotEnabled(error(E.subscriptionUpdate.path, 404, 'TNID not found'))).toBe(false);
  });

  it('the generic 404 text: the path on a list, an id elsewhere', () => {
    const generic = 'Not found: the requested resource does not exist or belongs to a different account.';
    expect(isPlansNotEnabled(error(E.accountPackages.path, 404, generic))).toBe(true);
    expect(isPlansNotEnabled(error(E.packageDetails.path, 404, generic))).toBe(false);
  });

  it('never for other statuses, other paths or other errors', () => {
    expect(isPlansNotEnabled(error(E.subscriptionCreate.path, 409, 'exists'))).toBe(false);
    expect(isPlansNotEnabled(error(E.subscriptionCreate.path, 400))).toBe(false);
    expect(isPlansNotEnabled(error(E.number.path, 404))).toBe(false);
    expect(isPlansNotEnabled(error(E.provision.path, 403))).toBe(false);
    expect(isPlansNotEnabled(new Error('404'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { nameInSubscriberLabel, subscriberLabel } from '../../src/telegent/picker-source.js';

const ID = 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528';

describe('a subscriber as the picker labels it, and the name read back from the label', () => {
  it.each([
    [{ name: 'Jane Doe', email: 'jane@example.com', id: ID }, 'Jane Doe — jane@example.com', 'Jane Doe'],
    [{ name: 'Acme', id: ID }, 'Acme', 'Acme'],
    // No name: the label is the email or the id, and neither may pass for a name on a channel post.
    [{ email: 'jane@example.com', id: ID }, 'jane@example.com', undefined],
    [{ id: ID }, ID, undefined],
  ])('%j → %j → %j', (subscriber, label, name) => {
    expect(subscriberLabel(subscriber)).toBe(label);
    expect(nameInSubscriberLabel(label)).toBe(name);
  });
});

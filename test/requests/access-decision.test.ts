import { describe, expect, it } from 'vitest';
import {
  type AccessAction,
  type AccessChannel,
  type AccessPolicy,
  type AccessUser,
  decideAccess,
} from '../../src/requests/access-decision.js';

const member: AccessUser = {
  id: 'U_MEMBER',
  deleted: false,
  isBot: false,
  isGuest: false,
  teamId: 'T_OURS',
  isStranger: false,
  isApprover: false,
  inRequesterGroup: false,
  inReaderGroup: false,
};
const user = (over: Partial<AccessUser>): AccessUser => ({ ...member, ...over });
const guest = user({ isGuest: true });
const external = user({ teamId: 'T_THEIRS' });
const stranger = user({ isStranger: true, teamId: 'T_OURS' });
const deleted = user({ deleted: true });
const bot = user({ isBot: true });
const gridColleague = user({ teamId: 'T_OTHER_WORKSPACE', enterpriseId: 'E_OURS' });
const requester = user({ inRequesterGroup: true });
const listedRequester = user({ id: 'U_LISTED' });
const reader = user({ inReaderGroup: true });
const approver = user({ isApprover: true });

const open: AccessPolicy = {
  teamId: 'T_OURS',
  teamName: 'Acme',
  requesterUserIds: [],
  allowedChannelIds: [],
};
const grid: AccessPolicy = { ...open, enterpriseId: 'E_OURS' };
const requesters: AccessPolicy = { ...open, requesterUsergroupId: 'S_REQ' };
const listed: AccessPolicy = { ...open, requesterUserIds: ['U_LISTED'] };
const both: AccessPolicy = { ...open, requesterUsergroupId: 'S_REQ', requesterUserIds: ['U_LISTED'] };
const readers: AccessPolicy = { ...open, readerUsergroupId: 'S_READ' };
const readersAndRequesters: AccessPolicy = { ...readers, requesterUsergroupId: 'S_REQ' };
const channels: AccessPolicy = { ...open, allowedChannelIds: ['C_OPS'] };
const unknownTeam: AccessPolicy = { requesterUserIds: [], allowedChannelIds: [] };

const opsChannel: AccessChannel = { id: 'C_OPS', direct: false };
const otherChannel: AccessChannel = { id: 'C_RANDOM', direct: false };
const dm: AccessChannel = { id: 'D_APP', direct: true };

const ALL: AccessAction[] = ['read', 'request', 'approve', 'home'];

describe('decideAccess', () => {
  it.each([
    ['a guest', guest, 'guest'],
    ['a user of another organisation (team_id)', external, 'other_organisation'],
    ['a stranger (is_stranger) in a shared channel', stranger, 'other_organisation'],
    ['a deactivated user', deleted, 'deleted'],
    ['a bot', bot, 'bot'],
    [
      'a guest who is also an approver and in every group',
      user({ isGuest: true, isApprover: true, inReaderGroup: true, inRequesterGroup: true }),
      'guest',
    ],
    [
      'an external approver-looking user',
      user({ teamId: 'T_THEIRS', isApprover: true }),
      'other_organisation',
    ],
  ] as const)('%s is refused every action, in every policy', (_name, who, reason) => {
    for (const policy of [open, requesters, readers, channels, grid]) {
      for (const action of ALL) {
        for (const channel of [undefined, dm, opsChannel]) {
          expect(decideAccess(who, channel, action, policy)).toMatchObject({ permit: false, reason });
        }
      }
    }
  });

  it.each([
    // [name, user, channel, action, policy, expected permit or refusal reason]
    ['a member reads, open policy', member, opsChannel, 'read', open, true],
    ['a member files a request, open policy', member, opsChannel, 'request', open, true],
    ['a member opens App Home', member, undefined, 'home', open, true],
    ['a member reaches Approve (decideApproval decides)', member, undefined, 'approve', requesters, true],
    ['an Enterprise Grid colleague from another workspace', gridColleague, opsChannel, 'read', grid, true],
    ['another workspace without Grid', gridColleague, opsChannel, 'read', open, 'other_organisation'],
    ['unknown own team: only is_stranger says external', external, opsChannel, 'read', unknownTeam, true],
    ['unknown own team, stranger', stranger, opsChannel, 'read', unknownTeam, 'other_organisation'],
    [
      'non-member files a request, requester group set',
      member,
      opsChannel,
      'request',
      requesters,
      'not_requester',
    ],
    [
      'non-member reads, requester group set (reading stays open)',
      member,
      opsChannel,
      'read',
      requesters,
      true,
    ],
    ['group member files a request', requester, opsChannel, 'request', requesters, true],
    ['listed requester files a request', listedRequester, opsChannel, 'request', listed, true],
    ['unlisted member, list only', member, opsChannel, 'request', listed, 'not_requester'],
    ['listed requester, group and list', listedRequester, opsChannel, 'request', both, true],
    ['group member, group and list', requester, opsChannel, 'request', both, true],
    ['non-member reads, reader group set', member, opsChannel, 'read', readers, 'not_reader'],
    ['reader reads', reader, opsChannel, 'read', readers, true],
    ['approver reads what they approve, reader group set', approver, opsChannel, 'read', readers, true],
    [
      'approver not in the requester group files a request',
      approver,
      opsChannel,
      'request',
      requesters,
      'not_requester',
    ],
    ['named requester reads, reader group set', requester, opsChannel, 'read', readersAndRequesters, true],
    [
      'default requester (no requester group) reads, reader group set',
      member,
      opsChannel,
      'read',
      readers,
      'not_reader',
    ],
    [
      'non-reader still files a request when requesters are not limited',
      member,
      opsChannel,
      'request',
      readers,
      true,
    ],
    ['non-reader opens App Home', member, undefined, 'home', readers, true],
    ['command in an allowed channel', member, opsChannel, 'read', channels, true],
    ['command in another channel', member, otherChannel, 'read', channels, 'channel'],
    ['help in another channel', member, otherChannel, 'home', channels, 'channel'],
    ['command in a DM with the app', member, dm, 'request', channels, true],
    ['a button (no channel rule) outside the channel list', member, undefined, 'read', channels, true],
  ] as const)('%s', (_name, who, channel, action, policy, expected) => {
    const decision = decideAccess(who, channel, action, policy);
    if (expected === true) expect(decision).toEqual({ permit: true });
    else expect(decision).toMatchObject({ permit: false, reason: expected });
  });

  it('every refusal says whom to ask, in words', () => {
    const sentence = (
      who: AccessUser,
      action: AccessAction,
      policy: AccessPolicy,
      channel?: AccessChannel,
    ) => {
      const decision = decideAccess(who, channel, action, policy);
      if (decision.permit) throw new Error('expected a refusal');
      return decision.sentence;
    };
    expect(sentence(guest, 'read', open)).toBe(
      'Telegent Ops is for full members of the Acme workspace: guest accounts cannot use it. Ask a full member of the team you work with to do it for you.',
    );
    expect(sentence(external, 'read', open)).toBe(
      'Telegent Ops is only for members of the Acme workspace: people from other organisations cannot use it, even in a shared channel. Ask your contact there to do it for you.',
    );
    expect(sentence(member, 'request', requesters)).toBe(
      'Only members of <!subteam^S_REQ> can file Telegent requests. Ask a workspace admin to add you to <!subteam^S_REQ>, or ask a member to file it for you.',
    );
    expect(sentence(member, 'request', listed)).toBe(
      'Only <@U_LISTED> can file Telegent requests. Ask one of them to file it for you, or ask a workspace admin to add you to the requester list.',
    );
    expect(sentence(member, 'request', both)).toContain('<!subteam^S_REQ> and <@U_LISTED>');
    expect(sentence(member, 'read', readers)).toBe(
      'Only members of <!subteam^S_READ> can look up numbers, usage, orders and history in Telegent Ops. Ask a workspace admin to add you to <!subteam^S_READ>.',
    );
    expect(sentence(member, 'read', channels, otherChannel)).toBe(
      '/telegent works only in <#C_OPS> and in a direct message with the app. Run it there, or ask a workspace admin to allow this channel.',
    );
    expect(sentence(guest, 'read', unknownTeam)).toContain('full members of this workspace');
  });
});

import { formatUsDate } from './formats.js';
import type {
  DataSettings,
  MessageRoute,
  NumberRecord,
  PoolZip,
  SandboxData,
  Subscriber,
  VoiceRoute,
} from './state.js';

/** Fixed seed IDs, so tests and drills can name them. */
export const SEED_ACCOUNT_ID = 'AID-3f6c2a9e-8b1d-4e57-a0c4-6d2e9f1b7a35';
export const SEED_COMPANY_NAME = 'Sandbox Wireless Co';
export const SEED_MESSAGE_ROUTE_IDS = [
  'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
  'MRID-01711e7e-c158-4de7-831f-673ab9fdaaa9',
  'MRID-73af1e73-d7b3-4696-bdd9-5b407d9e99ee',
] as const;
export const SEED_VOICE_ROUTE_IDS = [
  'CRID-509de94f-79cc-429b-a317-2102654dabbb',
  'CRID-4dec6beb-3985-444b-8c06-8baa5c1d2e3f',
] as const;
export const SEED_SUBSCRIBER_IDS = [
  'TSUID-03f91441-b652-4ebe-b310-24652f872584',
  'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
  'TSUID-ac59a1f8-36b6-42cc-b124-c2aa29f7e3d2',
  'TSUID-3dd3c8a9-632e-4415-b790-563444ba01ab',
  'TSUID-5e1b7c2d-9a4f-4b3e-8d6c-0f2a1b3c4d5e',
  'TSUID-7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d',
] as const;
/** Seeded inventory: `+1<area>555<line>` with lines 0101–0120. */
export const SEED_AREA_CODES = ['801', '385', '212', '415', '512', '206'] as const;
export const SEED_NUMBERS = Array.from({ length: 20 }, (_, i) => seedNumber(i));
/** Seeded numbers with data usage already consumed: Active (3 MB used), Throttled, Blocked. */
export const SEED_USAGE_NUMBERS = {
  active: seedNumber(0),
  throttled: seedNumber(2),
  blocked: seedNumber(4),
} as const;
/** A seeded number that is Parked (Activate… applies; Park… does not). */
export const SEED_PARKED_NUMBER = seedNumber(18);
/** A seeded number with no SIM swaps left: swap-sim answers 400 until NextSwapResetDate. */
export const SEED_NO_SWAPS_NUMBER = seedNumber(19);
/** A seeded number that carries PortOutPin '4321' already. */
export const SEED_PORTOUT_PIN_NUMBER = seedNumber(1);

function seedNumber(i: number): string {
  return `+1${SEED_AREA_CODES[i % SEED_AREA_CODES.length]}555${String(101 + i).padStart(4, '0')}`;
}

const MB = 1024 * 1024;

export const DEFAULT_DATA_SETTINGS: DataSettings = {
  ValueUnit: 'MB',
  NotifyValue: null,
  ThrottleValue: null,
  ThrottleSpeed: null,
  LimitValue: 20,
};

const POOL: Array<[string, string, string]> = [
  ['801', '84101', '320'],
  ['801', '84601', '321'],
  ['801', '84003', '322'],
  ['385', '84020', '330'],
  ['385', '84604', '331'],
  ['212', '10001', '340'],
  ['212', '10019', '341'],
  ['415', '94103', '350'],
  ['415', '94110', '351'],
  ['512', '78701', '360'],
  ['512', '78745', '361'],
  ['206', '98101', '370'],
  ['206', '98109', '371'],
];

const SUBSCRIBERS: Array<[string, string, string | null]> = [
  ['Bennet Hill', 'bennet@example.com', 'Account Admin'],
  ['Ana Lopez', 'ana.lopez@example.com', 'Manager'],
  ['Chris Park', 'chris.park@example.com', 'Subscriber'],
  ['', '2025289874@telegent.com', null],
  ['Dana Smith', 'dana.smith@example.com', 'Subscriber'],
  ['Eli Novak', 'eli.novak@example.com', 'Subscriber'],
];

export function seedData(now: Date): SandboxData {
  const accountId = SEED_ACCOUNT_ID;
  const subscribers: Subscriber[] = SUBSCRIBERS.map(([name, email, role], i) => ({
    SubscriberId: SEED_SUBSCRIBER_IDS[i] as string,
    Name: name,
    Email: email,
    PhoneNumbers: [],
    Role: role ?? 'Subscriber',
    AccountId: role === null ? null : accountId,
  }));

  const numbers = new Map<string, NumberRecord>();
  const purchased = formatUsDate(new Date(now.getTime() - 90 * 86_400_000));
  const swapReset = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  SEED_NUMBERS.forEach((number, i) => {
    const iot = i % 5 === 4;
    const voice = !iot && i % 3 !== 2;
    const subscriber = i < 12 ? subscribers[i % subscribers.length] : undefined;
    const hex = (i + 1).toString(16).padStart(12, '0');
    const record: NumberRecord = {
      Number: number,
      Tnid: `TNID-97729565${String(61858 + i)}`,
      PhoneNumberId: `NID-8bdf915a-ef65-46c9-8c66-${hex}`,
      OrderId: `TNOID-ddbaad7c-38c8-4cb4-bf0d-${hex}`,
      NumberType: 'mobile',
      MessageEnabled: true,
      MessageType: iot ? 'p2p' : i % 2 === 0 ? 'p2p' : 'a2p',
      Classification: iot ? 'IoT' : 'MVNO',
      VoiceEnabled: voice,
      DataEnabled: i % 2 === 0,
      MessageRouteId: SEED_MESSAGE_ROUTE_IDS[i % SEED_MESSAGE_ROUTE_IDS.length] as string,
      VoiceRouteId: voice ? (SEED_VOICE_ROUTE_IDS[i % SEED_VOICE_ROUTE_IDS.length] as string) : null,
      Status: i === 18 ? 'Parked' : 'Active',
      OriginalDatePurchased: purchased,
      AssignedSubscriberId: subscriber?.SubscriberId ?? null,
      Iccid: `890124039719055${String(6200 + i).padStart(5, '0')}`,
      Cnam: i % 4 === 0 ? 'Sandbox Wireless' : null,
      QrActivationLink: 'https://api.telegent.com/qr-activation-link',
      SwapsRemaining: i === 19 ? 0 : 2,
      NextSwapResetDate: swapReset,
      ProductType: iot ? 'Sms+Data' : voice ? 'Sms+Data+Voice' : 'Sms+Data',
      PortOutPin: i === 1 ? '4321' : null,
      ZipCode: null,
      data: { ...DEFAULT_DATA_SETTINGS },
      usedBytes: 0,
    };
    if (i === 0) record.usedBytes = 3 * MB;
    if (i === 2) {
      record.data = {
        ValueUnit: 'MB',
        NotifyValue: 10,
        ThrottleValue: 15,
        ThrottleSpeed: '1-mbps',
        LimitValue: 20,
      };
      record.usedBytes = 16 * MB;
    }
    if (i === 4) record.usedBytes = 25 * MB;
    subscriber?.PhoneNumbers.push(number);
    numbers.set(number, record);
  });

  const pool: PoolZip[] = POOL.map(([areaCode, zip, exchange], i) => ({
    areaCode,
    zip,
    exchange,
    ngp: i % 2 === 0 ? 'SAG' : 'AGP',
    nextLine: 1000,
  }));

  return {
    accountId,
    companyName: SEED_COMPANY_NAME,
    numbers,
    orders: new Map(),
    messageRoutes: messageRoutes(accountId),
    voiceRoutes: voiceRoutes(accountId),
    subscribers,
    guardian: { switches: new Map(), callFilters: new Map(), messageFilters: new Map() },
    pool,
    messages: [],
  };
}

function messageRoutes(accountId: string): MessageRoute[] {
  const names = ['Main SMS Webhook', 'Support Inbox', 'Alerts (disabled)'];
  return SEED_MESSAGE_ROUTE_IDS.map((id, i) => ({
    MessageRouteId: id,
    AccountID: accountId,
    RouteName: names[i] ?? `Route ${i + 1}`,
    MessageUrl: `https://hooks.example.com/sms/${i + 1}`,
    MessageUrlMethod: 'POST',
    MessageRouteEnabled: i !== 2,
    MessageAuthenticationType: i === 0 ? 'Basic' : 'None',
    MessageUsername: i === 0 ? 'admin' : null,
    MessagePasswordToken: i === 0 ? '********' : null,
    CallbackMessageUrl: `https://hooks.example.com/sms/${i + 1}/status`,
    CallbackMessageUrlMethod: 'POST',
    CallbackMessageAuthenticationType: i === 0 ? 'Basic' : null,
    CallbackMessageUsername: i === 0 ? 'admin' : null,
    CallbackMessagePasswordToken: i === 0 ? '********' : null,
  }));
}

function voiceRoutes(accountId: string): VoiceRoute[] {
  const names = ['Main SIP Trunk', 'Backup Trunk'];
  return SEED_VOICE_ROUTE_IDS.map((id, i) => ({
    CallRouteStatus: 'Active',
    CallRouteId: id,
    AccountID: accountId,
    RouteName: names[i] ?? `Trunk ${i + 1}`,
    RouteType: 'Trunk',
    VoiceUrlMethod: 'POST',
    TrunkIp1: `20.87.87.${87 - i * 2}`,
    TrunkIp2: `20.87.87.${86 - i * 2}`,
    TrunkPort1: '5061',
    TrunkPort2: '5060',
    TrunkTransport1: 'UDP',
    TrunkTransport2: 'TCP',
    TrunkUri1: `https://pstn${i + 1}.example.com`,
    TrunkUri2: `https://pstn${i + 1}b.example.com`,
    TrunkEnabled1: true,
    TrunkEnabled2: i === 0,
    Trunk1Priortiy: 10,
    Trunk1Weight: 10,
    Trunk2Priortiy: 20,
    Trunk2Weight: 20,
    HeaderManipulation: 'HMI8802029',
    EnableSipRefer: true,
    TransferCallerId: 'Transferee/Transferor',
    SymmetricRtp: true,
    EnableTrpSecureTrunk: true,
    EnablePstnTransfer: true,
    IpWhitelist: [{ IpAddress: '20.20.10.10' }, { IpAddress: '20.20.10.20' }],
    CnamLookup: true,
    TerminationUriSubdomain: 'sandbox',
    EnableCallStreaming: false,
    WssUri: 'wss://192.0.2.10',
    RouteEnabled: true,
  }));
}

/** The documented `Message` texts (reference §1.4). */
export const MESSAGES = {
  400: 'Bad request: one or more required fields are missing or contain an invalid value.',
  401: 'Unauthorized: Bearer token is missing, expired, or invalid. Re-authenticate via POST /v1.0/oauth2/tokens.',
  403: 'Forbidden: your token does not have permission to access this resource. Check the ApiEndpoint scope.',
  404: 'Not found: the requested resource does not exist or belongs to a different account.',
  405: 'Method not allowed: verify the HTTP method required for this endpoint.',
  408: 'Request timeout: the server did not receive a complete request within the allowed time. Retry with exponential backoff.',
  429: 'Too many requests: rate limit exceeded. Slow your request cadence and retry after a short delay.',
  500: 'Internal server error: an unexpected error occurred. If the problem persists contact support@telegent.com.',
  502: 'Bad gateway: an upstream service returned an invalid response. Retry with exponential backoff.',
  503: 'Service unavailable: the API is temporarily unavailable. Retry after a short delay.',
  504: 'Gateway timeout: an upstream service did not respond in time. Retry with exponential backoff.',
} as const;

export const BAD_CREDENTIALS_MESSAGE = 'Unauthorized: invalid AccountKey or AccountSecret.';
export const NO_PORTIN_FOUND_MESSAGE = 'GENS-0041: No Port-In request found';
export const DUPLICATE_PORTIN_MESSAGE = 'A port-in request already exists for this number';
export const NOT_ON_ACCOUNT_MESSAGE = 'Phone number does not belong to account';
export const IN_USE_MESSAGE = 'Phone number already in use';
export const INVALID_ACCOUNT_MESSAGE = 'Invalid AccountId';
export const DUPLICATE_EMAIL_MESSAGE = 'Email already exists';
export const INVALID_E164_MESSAGE = 'Invalid phone number format. Must be in E.164 format.';
export const IOT_A2P_MESSAGE =
  'Invalid NumberType and MessageType combination. IOT numbers can only be provisioned with p2p MessageType.';

export interface ErrorBody {
  StatusCode: number;
  Message: string;
}

/** Thrown by handlers; becomes `{StatusCode, Message}` with this status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? defaultMessage(status));
  }

  body(): ErrorBody {
    return { StatusCode: this.status, Message: this.message };
  }
}

export function defaultMessage(status: number): string {
  return (MESSAGES as Record<number, string>)[status] ?? MESSAGES[500];
}

export const badRequest = (message: string = MESSAGES[400]) => new ApiError(400, message);
export const notFound = (message: string = MESSAGES[404]) => new ApiError(404, message);
export const conflict = (message: string) => new ApiError(409, message);

/**
 * Errors in the Google API JSON format. The client (@google-cloud/common) builds its
 * ApiError from `error.code`, `error.errors` and `error.message`; when the top-level
 * message equals the single inner one it shows just that line, so both are the same.
 */
export class BigQueryApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly location?: string,
  ) {
    super(message);
    this.name = 'BigQueryApiError';
  }
}

/** HTTP status → the canonical google.rpc status name BigQuery puts beside the code. */
const RPC_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    errors: { message: string; domain: string; reason: string; location?: string; locationType?: string }[];
    status: string;
  };
}

export function errorBody(error: BigQueryApiError): GoogleErrorBody {
  const inner = {
    message: error.message,
    domain: 'global',
    reason: error.reason,
    ...(error.location === undefined ? {} : { location: error.location, locationType: 'other' }),
  };
  return {
    error: { code: error.status, message: error.message, errors: [inner], status: RPC_STATUS[error.status] ?? 'UNKNOWN' },
  };
}

export function invalidQuery(message: string): BigQueryApiError {
  return new BigQueryApiError(400, 'invalidQuery', message, 'q');
}

export function notFound(message: string): BigQueryApiError {
  return new BigQueryApiError(404, 'notFound', message);
}

// Keystone's exceptions as novamock throws them: status + message; the plugin's error handler
// renders {"error": {"code", "message", "title"}} with the title keystone gives each status.
export class IdentityError extends Error {
  /** `extra`: more members of the error object (keystone's 401 for a method lists the methods it serves) */
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) { super(message); }
}

/** http.client.responses, as keystone's exception classes title themselves. */
export const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error',
};

const CLIENT_FAULT = ' The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';

export const unauthorized = (): IdentityError => new IdentityError(401, 'The request you have made requires authentication.');
export const forbiddenAction = (action: string): IdentityError => new IdentityError(403, `You are not authorized to perform the requested action: ${action}.`);
export const notFound = (kind: string, id: string): IdentityError => new IdentityError(404, `Could not find ${kind}: ${id}.`);
/** keystone.exception.ValidationError */
export const expecting = (attribute: string, target: string): IdentityError => new IdentityError(400, `Expecting to find ${attribute} in ${target}.${CLIENT_FAULT}`);
export const badRequest = (message: string): IdentityError => new IdentityError(400, message);
export const validationFailure = (detail: string): IdentityError => new IdentityError(400, `${detail}${CLIENT_FAULT}`);
/** keystone.exception.Conflict */
export const conflict = (type: string, details: string): IdentityError => new IdentityError(409, `Conflict occurred attempting to store ${type} - ${details}.`);

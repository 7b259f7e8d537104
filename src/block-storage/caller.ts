// Who calls the block-storage service (from the request's AuthContext).
/** `service` marks a request carrying a service token (nova). */
export interface Caller {
  readonly userId: string;
  readonly projectId: string;
  readonly isAdmin: boolean;
  readonly service?: boolean;
}

// Neutron's exceptions as the API renders them: {"NeutronError": {"type", "message", "detail"}}
// with the status of the exception's base class (neutron/api/v2/resource.py FAULT_MAP:
// NotFound 404, Conflict and InUse 409, BadRequest 400, NotAuthorized 403,
// ServiceUnavailable 503). Messages are neutron_lib.exceptions' templates.
export class NeutronError extends Error {
  constructor(readonly status: number, readonly type: string, message: string, readonly detail = '') {
    super(message);
  }

  body(): { NeutronError: { type: string; message: string; detail: string } } {
    return { NeutronError: { type: this.type, message: this.message, detail: this.detail } };
  }
}

/** webob.exc.HTTPBadRequest raised by the API layer (body and attribute checks). */
export const badRequest = (message: string) => new NeutronError(400, 'HTTPBadRequest', message);
/** neutron_lib InvalidInput. */
export const invalidInput = (message: string) => new NeutronError(400, 'InvalidInput', `Invalid input for operation: ${message}.`);
export const httpNotFound = (message = 'The resource could not be found.') => new NeutronError(404, 'HTTPNotFound', message);
/** oslo_policy.PolicyNotAuthorized (403). */
export const policyNotAuthorized = (message: string) => new NeutronError(403, 'PolicyNotAuthorized', message);
export const httpForbidden = (message: string) => new NeutronError(403, 'HTTPForbidden', message);

const notFoundTemplates: Record<string, [string, string]> = {
  network: ['NetworkNotFound', 'Network %s could not be found.'],
  subnet: ['SubnetNotFound', 'Subnet %s could not be found.'],
  port: ['PortNotFound', 'Port %s could not be found.'],
  security_group: ['SecurityGroupNotFound', 'Security group %s does not exist'],
  security_group_rule: ['SecurityGroupRuleNotFound', 'Security group rule %s does not exist'],
  floatingip: ['FloatingIPNotFound', 'Floating IP %s could not be found'],
  router: ['RouterNotFound', 'Router %s could not be found'],
};

export function notFound(kind: string, id: string): NeutronError {
  const [type, template] = notFoundTemplates[kind] ?? ['NotFound', `${kind} %s could not be found.`];
  return new NeutronError(404, type, template.replace('%s', id));
}

export const conflict = (type: string, message: string) => new NeutronError(409, type, message);

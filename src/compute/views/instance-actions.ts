// Instance action views (nova/api/openstack/compute/instance_actions.py _format_action/_format_event).
import type { Microversion } from '../../http/microversion.js';
import type { EventRecord, InstanceActionRecord } from '../../compute-db/records.js';
import { hostId, strTime, strTimeOrNull } from './time-format.js';

export function actionView(a: InstanceActionRecord, v: Microversion): Record<string, unknown> {
  const out: Record<string, unknown> = {
    action: a.action,
    instance_uuid: a.instanceUuid,
    request_id: a.requestId,
    user_id: a.userId,
    project_id: a.projectId,
    start_time: strTime(a.startTime),
    message: a.message,
  };
  if (v.atLeast('2.58')) out.updated_at = strTimeOrNull(a.updatedAt);
  return out;
}

export interface EventVisibility {
  traceback: boolean;
  host: boolean;
  hostId: boolean;
  details: boolean;
}

export function eventView(e: EventRecord, projectId: string, show: EventVisibility): Record<string, unknown> {
  const out: Record<string, unknown> = {
    event: e.event,
    start_time: strTime(e.startTime),
    finish_time: strTimeOrNull(e.finishTime),
    result: e.result,
  };
  if (show.traceback) out.traceback = e.traceback;
  if (show.host) out.host = e.host;
  if (show.hostId) out.hostId = hostId(e.host, projectId);
  if (show.details) out.details = e.details;
  return out;
}

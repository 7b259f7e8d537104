// Keystone's assignment expansion (assignment/core.py list_role_assignments with effective=True):
// group assignments become one entry per member, and each role brings the roles it implies
// (admin => member => reader), each marked with where it came from (`indirect`).
import type { AssignmentRow, TargetType } from './store/assignments-store.js';

export interface EffectiveAssignment {
  readonly actorType: 'user' | 'group';
  readonly actorId: string;
  readonly targetType: TargetType;
  readonly targetId: string;
  readonly roleId: string;
  readonly indirect?: { readonly groupId?: string; readonly roleId?: string };
}

export interface ExpansionSources {
  memberIds(groupId: string): string[];
  implications(): { priorRoleId: string; impliedRoleId: string }[];
}

/** role id -> every role it implies, transitively (a cycle cannot loop). */
export function impliedClosure(rules: { priorRoleId: string; impliedRoleId: string }[]): Map<string, string[]> {
  const direct = new Map<string, string[]>();
  for (const r of rules) direct.set(r.priorRoleId, [...(direct.get(r.priorRoleId) ?? []), r.impliedRoleId]);
  const out = new Map<string, string[]>();
  for (const prior of direct.keys()) {
    const seen = new Set<string>([prior]);
    const order: string[] = [];
    const stack = [...(direct.get(prior) ?? [])];
    while (stack.length) {
      const next = stack.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      order.push(next);
      stack.push(...(direct.get(next) ?? []));
    }
    out.set(prior, order);
  }
  return out;
}

export function expandAssignments(direct: readonly AssignmentRow[], src: ExpansionSources): EffectiveAssignment[] {
  const implied = impliedClosure(src.implications());
  const out: EffectiveAssignment[] = [];
  const withImplied = (a: EffectiveAssignment) => {
    out.push(a);
    for (const roleId of implied.get(a.roleId) ?? []) {
      out.push({ ...a, roleId, indirect: { ...a.indirect, roleId: a.roleId } });
    }
  };
  for (const a of direct) {
    if (a.actorType === 'group') {
      for (const userId of src.memberIds(a.actorId)) {
        withImplied({ actorType: 'user', actorId: userId, targetType: a.targetType, targetId: a.targetId, roleId: a.roleId, indirect: { groupId: a.actorId } });
      }
    } else {
      withImplied({ ...a });
    }
  }
  return out;
}

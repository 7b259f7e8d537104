// Consumers, and the projects, users and consumer types they point at
// (placement/objects/{consumer,project,user,consumer_type}.py). SQL only: statements are
// prepared once and the caller owns the transaction.
import type { Db } from '../../db/open-database.js';

export interface ConsumerRow {
  readonly id: number;
  readonly uuid: string;
  readonly projectId: number;
  readonly userId: number;
  readonly projectExternalId: string;
  readonly userExternalId: string;
  readonly generation: number;
  readonly consumerTypeId: number | null;
}

export interface ConsumersStore {
  /** Id of the project with this external id, created when missing (placement auto-creates). */
  ensureProject(externalId: string, now: string): number;
  ensureUser(externalId: string, now: string): number;
  consumerTypeId(name: string): number | undefined;
  ensureConsumerType(name: string, now: string): number;
  consumerTypeName(id: number): string | undefined;
  get(uuid: string): ConsumerRow | undefined;
  /** A new consumer starts at generation 0, like the upstream model default. */
  create(uuid: string, projectId: number, userId: number, consumerTypeId: number | null, now: string): ConsumerRow;
  /** Change project/user/type without touching the generation (Consumer.update()). */
  update(id: number, projectId: number, userId: number, consumerTypeId: number | null, now: string): void;
  /** Compare-and-swap generation + 1; false when someone else moved it. */
  incrementGeneration(id: number, expected: number, now: string): boolean;
  /** Delete those of these consumers that no longer have any allocation. */
  deleteIfNoAllocations(uuids: Iterable<string>): void;
}

interface ConsumerDbRow {
  id: number; uuid: string; project_id: number; user_id: number; project_external_id: string;
  user_external_id: string; generation: number; consumer_type_id: number | null;
}

export function createConsumersStore(db: Db): ConsumersStore {
  const projectId = db.prepare('SELECT id FROM projects WHERE external_id = ?').pluck();
  const insertProject = db.prepare('INSERT INTO projects (external_id, created_at) VALUES (?, ?)');
  const userId = db.prepare('SELECT id FROM users WHERE external_id = ?').pluck();
  const insertUser = db.prepare('INSERT INTO users (external_id, created_at) VALUES (?, ?)');
  const typeId = db.prepare('SELECT id FROM consumer_types WHERE name = ?').pluck();
  const typeName = db.prepare('SELECT name FROM consumer_types WHERE id = ?').pluck();
  const insertType = db.prepare('INSERT INTO consumer_types (name, created_at) VALUES (?, ?)');
  const getConsumer = db.prepare(`
    SELECT c.id, c.uuid, c.project_id, c.user_id, p.external_id AS project_external_id,
           u.external_id AS user_external_id, c.generation, c.consumer_type_id
    FROM consumers c JOIN projects p ON p.id = c.project_id JOIN users u ON u.id = c.user_id
    WHERE c.uuid = ?`);
  const insertConsumer = db.prepare(
    'INSERT INTO consumers (uuid, project_id, user_id, generation, consumer_type_id, created_at) VALUES (?, ?, ?, 0, ?, ?)');
  const updateConsumer = db.prepare(
    'UPDATE consumers SET project_id = ?, user_id = ?, consumer_type_id = ?, updated_at = ? WHERE id = ?');
  const bumpGeneration = db.prepare(
    'UPDATE consumers SET generation = generation + 1, updated_at = ? WHERE id = ? AND generation = ?');
  const deleteIfUnused = db.prepare(
    'DELETE FROM consumers WHERE uuid = ? AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.consumer_id = ?)');

  const ensure = (select: typeof projectId, insert: typeof insertProject) => (key: string, now: string): number => {
    const id = select.get(key) as number | undefined;
    if (id !== undefined) return id;
    return Number(insert.run(key, now).lastInsertRowid);
  };
  const toRow = (r: ConsumerDbRow): ConsumerRow => ({
    id: r.id, uuid: r.uuid, projectId: r.project_id, userId: r.user_id, projectExternalId: r.project_external_id,
    userExternalId: r.user_external_id, generation: r.generation, consumerTypeId: r.consumer_type_id,
  });

  return {
    ensureProject: ensure(projectId, insertProject),
    ensureUser: ensure(userId, insertUser),
    ensureConsumerType: ensure(typeId, insertType),
    consumerTypeId: (name) => typeId.get(name) as number | undefined,
    consumerTypeName: (id) => typeName.get(id) as string | undefined,
    get(uuid) {
      const r = getConsumer.get(uuid) as ConsumerDbRow | undefined;
      return r ? toRow(r) : undefined;
    },
    create(uuid, project, user, consumerTypeId, now) {
      insertConsumer.run(uuid, project, user, consumerTypeId, now);
      return toRow(getConsumer.get(uuid) as ConsumerDbRow);
    },
    update(id, project, user, consumerTypeId, now) {
      updateConsumer.run(project, user, consumerTypeId, now, id);
    },
    incrementGeneration(id, expected, now) {
      return bumpGeneration.run(now, id, expected).changes === 1;
    },
    deleteIfNoAllocations(uuids) {
      for (const uuid of uuids) deleteIfUnused.run(uuid, uuid);
    },
  };
}

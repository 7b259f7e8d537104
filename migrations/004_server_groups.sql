-- Server groups (nova api database: instance_groups, instance_group_policy, instance_group_member).
-- One policy per group since Rocky (2.64), so the policy row is folded into the group: policy
-- and rules (JSON of strings, as InstanceGroupPolicy.rules stores them). Members stay when an
-- instance is deleted (nova keeps the rows until archiving); views and quotas skip deleted ones.
CREATE TABLE instance_groups (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT,
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  policy TEXT,
  rules TEXT,                        -- JSON object, NULL for groups made before 2.64
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX instance_groups_project ON instance_groups (project_id);
CREATE TABLE instance_group_members (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES instance_groups(id) ON DELETE CASCADE,
  instance_uuid TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (group_id, instance_uuid)
);
CREATE INDEX instance_group_members_instance ON instance_group_members (instance_uuid);

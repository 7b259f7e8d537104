-- Keystone v3 identity, assignment, application credentials and issued tokens (keystone's
-- sql backends reduced to what novamock serves). Ids are keystone's uuid4 hex unless a seed names them.
CREATE TABLE identity_domains (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  tags TEXT NOT NULL DEFAULT '[]',
  extra TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE identity_projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  domain_id TEXT NOT NULL REFERENCES identity_domains(id),
  parent_id TEXT REFERENCES identity_projects(id),
  description TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  tags TEXT NOT NULL DEFAULT '[]',
  extra TEXT NOT NULL DEFAULT '{}',
  UNIQUE (domain_id, name)
);

CREATE TABLE identity_users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  domain_id TEXT NOT NULL REFERENCES identity_domains(id),
  password_hash TEXT,
  default_project_id TEXT,
  description TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  options TEXT NOT NULL DEFAULT '{}',
  extra TEXT NOT NULL DEFAULT '{}',
  UNIQUE (domain_id, name)
);

CREATE TABLE identity_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  domain_id TEXT NOT NULL REFERENCES identity_domains(id),
  description TEXT,
  UNIQUE (domain_id, name)
);

CREATE TABLE identity_group_members (
  group_id TEXT NOT NULL REFERENCES identity_groups(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES identity_users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);

CREATE TABLE identity_roles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- '<<null>>' as keystone's role table does, so that global role names are unique
  domain_id TEXT NOT NULL DEFAULT '<<null>>',
  description TEXT,
  options TEXT NOT NULL DEFAULT '{}',
  UNIQUE (domain_id, name)
);

CREATE TABLE identity_implied_roles (
  prior_role_id TEXT NOT NULL REFERENCES identity_roles(id) ON DELETE CASCADE,
  implied_role_id TEXT NOT NULL REFERENCES identity_roles(id) ON DELETE CASCADE,
  PRIMARY KEY (prior_role_id, implied_role_id)
);

-- keystone's assignment table plus system_assignment: actor user|group, target project|domain|system
CREATE TABLE identity_assignments (
  actor_type TEXT NOT NULL CHECK (actor_type IN ('user', 'group')),
  actor_id TEXT NOT NULL,
  target_type TEXT NOT NULL CHECK (target_type IN ('project', 'domain', 'system')),
  target_id TEXT NOT NULL,
  role_id TEXT NOT NULL REFERENCES identity_roles(id) ON DELETE CASCADE,
  PRIMARY KEY (actor_type, actor_id, target_type, target_id, role_id)
);

CREATE TABLE identity_app_credentials (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES identity_users(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  description TEXT,
  expires_at TEXT,
  unrestricted INTEGER NOT NULL DEFAULT 0,
  roles TEXT NOT NULL,
  UNIQUE (user_id, name)
);

-- Issued tokens, so that they survive a restart on a file database. scope_type project|domain|system|unscoped.
CREATE TABLE identity_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  methods TEXT NOT NULL,
  scope_type TEXT NOT NULL,
  scope_id TEXT,
  app_cred_id TEXT,
  -- permissive mode's sign-in of a user the cloud does not know: the roles it was given
  guest_roles TEXT,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  audit_id TEXT NOT NULL,
  parent_audit_id TEXT
);

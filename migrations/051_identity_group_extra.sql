-- keystone keeps a group's extra attributes (e.g. email) and returns them
ALTER TABLE identity_groups ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';

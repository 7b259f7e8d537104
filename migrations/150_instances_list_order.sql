-- GET /servers pages in SQL (issue #20: 100,000 servers, limit=1000): the list's default order,
-- created_at desc then id desc (id is the rowid, so it rides in every index), walked from the
-- marker instead of sorting every row; all_tenants over the first, a project's list over the second.
CREATE INDEX instances_created ON instances(created_at);
CREATE INDEX instances_project_created ON instances(project_id, created_at);

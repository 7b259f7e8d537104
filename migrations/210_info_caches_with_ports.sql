-- The info caches that list any port: a page of servers asks for the caches of its 1,000 servers
-- with `network_info != '[]'` (an empty one reads as none), and servers without ports (networks
-- none) then cost a lookup each in a tiny index instead of one in the table's 100,000 rows.
CREATE INDEX instance_info_caches_with_ports ON instance_info_caches (instance_uuid) WHERE network_info != '[]';

-- The register's search (issue 14, speed): the b-tree indexes of db/vendor/postgresql/V34__register_search.sql in
-- the order the register pages (newest first, the case number breaking ties); H2 has no trigram index, so names and
-- phones are searched by scanning (H2 serves the demo and tests, PostgreSQL production).
create index case_register_newest on case_register (received_at desc, case_number desc);
create index case_register_grid_newest on case_register (grid, received_at desc, case_number desc);
create index case_register_category_newest on case_register (category, received_at desc, case_number desc);
drop index case_register_grid_received;
drop index case_register_received;

-- The register's search (issue 14, speed): indexes in the order the register pages (newest first, the case number
-- breaking ties), so a page is read from an index instead of sorting every row the filter keeps, and trigram
-- indexes for the name and phone search (like '%…%', which no b-tree serves). H2 has the same b-tree indexes in
-- db/vendor/h2/V34__register_search.sql and searches names by scanning.
create index case_register_newest on case_register (received_at desc, case_number desc);
create index case_register_grid_newest on case_register (grid, received_at desc, case_number desc);
create index case_register_category_newest on case_register (category, received_at desc, case_number desc);
create index case_register_street_newest on case_register (received_at desc, case_number desc)
  where escalated_to_street;
drop index case_register_grid_received;
drop index case_register_received;

-- pg_trgm ships with PostgreSQL's contrib and is a trusted extension (PostgreSQL 13+: a database owner may create
-- it). A server without it keeps working with a scan for the name and phone search.
do $$
begin
  create extension if not exists pg_trgm;
exception when others then
  raise notice 'pg_trgm is not available (%): the register searches names and phones by scanning', sqlerrm;
end $$;

do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    execute 'create index case_register_name_trgm on case_register using gin (resident_name gin_trgm_ops)';
    execute 'create index case_register_phone_trgm on case_register using gin (resident_phone gin_trgm_ops)';
  end if;
end $$;

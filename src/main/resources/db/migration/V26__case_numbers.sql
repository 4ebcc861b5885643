-- Every case number the app gives out, with its case (issue 10 item 8): the primary key makes the database refuse a
-- number twice, so two cases never share the number a resident is told, and pages find a number's own case.
create table case_number (
  case_number         varchar(32) not null primary key,
  process_key         varchar(64) not null,
  process_instance_id varchar(64) not null,
  assigned_at         timestamp   not null
);

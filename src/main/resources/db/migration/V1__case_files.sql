-- Case numbers shown to residents and the archive record written when a case closes (R-3.1.1-1, R-3.1.2-9).
create sequence case_number_seq start with 1 increment by 1;

create table case_record (
  case_number         varchar(32)  not null primary key,
  process_key         varchar(64)  not null,
  process_instance_id varchar(64)  not null,
  category            varchar(64),
  category_name       varchar(128),
  channel             varchar(16),
  first_responder     varchar(64),
  grid                varchar(64),
  received_at         timestamp,
  closed_at           timestamp    not null,
  outcome             varchar(64)  not null,
  outcome_label       varchar(128) not null
);

create index case_record_closed_at on case_record (closed_at);

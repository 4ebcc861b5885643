-- The case register (事项台账, issue 14 item 1): one row per resident case (reception, proxy service, complaint), open
-- and closed, kept up to date by the case file as the case moves (task created, assigned, completed; closed; rated),
-- so the register, the KPIs and the exports read one table instead of the engine's history.
create table case_register (
  case_number           varchar(32)  not null primary key,
  kind                  varchar(32)  not null,
  process_instance_id   varchar(64)  not null,
  channel               varchar(16),
  category              varchar(64),
  category_name         varchar(128),
  resident_name         varchar(100),
  resident_phone        varchar(30),
  grid                  varchar(64),
  first_responder       varchar(64),
  first_responder_name  varchar(100),
  holder                varchar(64),
  holder_name           varchar(128),
  holder_since          timestamp,
  received_at           timestamp    not null,
  first_task_id         varchar(64),
  step_count            integer      default 0 not null,
  first_response_due_at timestamp,
  first_response_at     timestamp,
  due_at                timestamp,
  closed_at             timestamp,
  status                varchar(8)   not null,
  outcome               varchar(64),
  outcome_label         varchar(128),
  rating                varchar(32),
  rated_at              timestamp,
  rating_complaint      varchar(32),
  related_case          varchar(32),
  escalated_to_street   boolean      default false not null,
  updated_at            timestamp    not null
);

create index case_register_received on case_register (received_at);
create index case_register_grid_received on case_register (grid, received_at);
create index case_register_resident on case_register (resident_name);
create index case_register_phone on case_register (resident_phone);
create index case_register_open_due on case_register (status, due_at);

-- cases closed before the register existed: what the archive kept (no resident, deadlines or rating)
insert into case_register (case_number, kind, process_instance_id, channel, category, category_name, grid,
    first_responder, received_at, closed_at, status, outcome, outcome_label, updated_at)
  select case_number, process_key, process_instance_id, channel, category, category_name, grid, first_responder,
      coalesce(received_at, closed_at), closed_at, 'closed', outcome, outcome_label, closed_at
  from case_record
  where process_key in ('reception', 'proxy-service', 'complaint');

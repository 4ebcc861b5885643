-- Mails sent, one row per event, so a retried job never sends the same mail twice (no body: it may name a resident).
create table mail_log (
  event_key  varchar(200) not null primary key,
  template   varchar(100) not null,
  recipients varchar(2000) not null,
  subject    varchar(500) not null,
  sent_at    timestamp    not null
);

-- The archive of a report upward (R-4.2-4, R-3.1.1-3): unit, dates, the answer and what the resident was told.
create table escalation_record (
  process_instance_id varchar(64)  not null primary key,
  case_number         varchar(32),
  first_responder     varchar(64),
  unit_name           varchar(200) not null,
  reported_at         timestamp    not null,
  reply_due_at        timestamp    not null,
  answered_at         timestamp,
  answer              varchar(4000),
  resident_told       varchar(4000),
  resident_told_by    varchar(64),
  resident_told_at    timestamp,
  closed_at           timestamp    not null
);

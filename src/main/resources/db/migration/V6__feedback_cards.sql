-- Service feedback cards (服务意见反馈卡, R-1.2-4): one per closed case; the token is the resident's one-time link.
create table feedback_card (
  token                 varchar(64)   not null primary key,
  case_number           varchar(32)   not null,
  process_key           varchar(64)   not null,
  process_instance_id   varchar(64)   not null,
  category_name         varchar(128),
  grid                  varchar(64),
  first_responder       varchar(64),
  resident_name         varchar(100),
  resident_phone        varchar(30),
  resident_email        varchar(200),
  created_at            timestamp     not null,
  expires_at            timestamp     not null,
  mailed_at             timestamp,
  used_at               timestamp,
  rating                varchar(32),
  rating_comment        varchar(2000),
  given_by              varchar(64),
  complaint_case_number varchar(32)
);
create index feedback_card_case on feedback_card (case_number);

-- Job acquisition (the job executor, every few seconds) takes an exclusive job only when no other job of the same
-- process instance is locked: a NOT EXISTS over ACT_RU_JOB that, without this index, reads the whole job table on
-- every acquisition (hundreds of thousands of deadline timers). Only locked jobs have a lock owner, a handful at any
-- time, so this partial index stays tiny and makes the check a lookup: a bare engine went from 48 to ~640 jobs/s.
-- PostgreSQL only (H2 has no partial indexes). Run by EngineTableMigrations after the engine created its tables.
create index if not exists shequ_job_locked on act_ru_job (lock_exp_time_) where lock_owner_ is not null;

-- The grid worker's Tasklist (本网格待办, sorted by due date) asks for one page of the grid group's candidate tasks.
-- With the candidate-group check as EXISTS (authorization/CandidateGroupRewrite) PostgreSQL can walk the tasks in due
-- order and stop after a page; the engine ships no index on DUE_DATE_. The count of the same filter finds the grid's
-- tasks from the candidate links alone, read from this index only (issue 11).
-- Run by EngineTableMigrations after the engine created its tables (own history table; V31, not V3, so that parallel
-- branches adding engine migrations do not collide).
create index if not exists shequ_task_due on act_ru_task (due_date_);
create index if not exists shequ_identitylink_group on act_ru_identitylink (group_id_, type_, task_id_);

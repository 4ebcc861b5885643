-- Completing or deleting a task looks up its subtasks (select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?), and the
-- engine ships no index for that column: at a large community's volume (47,000 open tasks) each completion read the
-- whole task table, 14 ms mean, the most expensive statement of the benchmark's case throughput (issue 11).
-- Run by EngineTableMigrations after the engine created its tables.
create index if not exists shequ_task_parent on act_ru_task (parent_task_id_);

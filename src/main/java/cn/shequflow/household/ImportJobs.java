package cn.shequflow.household;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The background household imports, for the REST endpoint and the staff page alike: one thread, so imports run one
 * after another in the order they were uploaded; the last {@link #KEPT} finished jobs are remembered for their status.
 */
@Component
class ImportJobs {

  /** Finished jobs beyond this many are forgotten, oldest first. */
  static final int KEPT = 100;

  /** One background import as its status shows it. */
  static final class Job {
    final String id = UUID.randomUUID().toString();
    final String fileName;
    final String startedBy;
    final Instant startedAt = Instant.now();
    final CompletableFuture<ImportReport> result = new CompletableFuture<>();
    volatile ImportProgress progress;

    Job(String fileName, String startedBy) {
      this.fileName = fileName;
      this.startedBy = startedBy;
    }

    /** queued, running or finished. */
    String state() {
      return result.isDone() ? "finished" : progress == null ? "queued" : "running";
    }
  }

  private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "household-import");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
      return size() > KEPT && eldest.getValue().result.isDone();
    }
  });

  /** Queues the work (given the job's progress sink) and answers its job at once. */
  Job start(String fileName, String startedBy, Function<Consumer<ImportProgress>, ImportReport> work) {
    Job job = new Job(fileName, startedBy);
    jobs.put(job.id, job);
    executor.execute(() -> run(job, work));
    return job;
  }

  /** The job of that id, or null when unknown or forgotten. */
  Job get(String jobId) {
    return jobs.get(jobId);
  }

  /** The remembered jobs, newest first. */
  List<Job> recent() {
    synchronized (jobs) {
      List<Job> all = new java.util.ArrayList<>(jobs.values());
      Collections.reverse(all);
      return all;
    }
  }

  private static void run(Job job, Function<Consumer<ImportProgress>, ImportReport> work) {
    try {
      job.result.complete(work.apply(progress -> job.progress = progress));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(HouseholdImportController.class).error("户籍导入任务 {} 意外中断", job.id, e);
      job.result.complete(ImportReport.rejected(job.fileName, null, null, 0,
          List.of("导入意外中断，没有写入任何数据；请重新导入，若仍失败请联系系统管理员"), 1));
    }
  }

  @PreDestroy
  void stop() {
    // an import cut short rolls back: the registry never holds half a file
    executor.shutdownNow();
  }
}

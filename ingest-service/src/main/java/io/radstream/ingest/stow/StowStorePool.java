package io.radstream.ingest.stow;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.radstream.ingest.IngestConfig;

/** The threads that store STOW-RS instances for every {@link StowPipeline}; each request bounds its own share. */
@ApplicationScoped
class StowStorePool {

    private final IngestConfig config;
    private final ExecutorService threads;

    StowStorePool(IngestConfig config) {
        this.config = config;
        int size = Math.max(1, config.stowStoreThreads());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "stow-store-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
    }

    /** A pipeline for one request's parts. */
    StowPipeline pipeline(StowResult result) {
        return new StowPipeline(threads, config.stowInstancesInFlight(), result);
    }

    @PreDestroy
    void shutdown() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(config.publishTimeoutSeconds(), TimeUnit.SECONDS);
    }
}

package dev.loombench.server;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Every thread one server starts (acceptor, workers, per-client threads, the event loop, the
 * write watchdog), platform or virtual alike.
 *
 * <p>Each thread is named {@code loombench-<model>-<port>-<role>}, so a thread dump (or a test)
 * tells which server it belongs to; it is counted in {@link ServerStats} while it runs; anything
 * that escapes its task is logged, never lost. An <em>essential</em> thread is one the server
 * cannot serve as configured without (acceptor, event loop, pool worker, watchdog): if one ends,
 * for any reason, before the server began {@link #closing}, the server has died, and
 * {@link #death} completes with the reason. {@link #stopAll} interrupts and joins every thread
 * ever started, including those that already finished, so when it returns none is left.
 *
 *
 * <p>Thread-safe: any thread may start threads; one thread calls {@link #closing} and
 * {@link #stopAll}.
 */
final class ServingThreads {

    private static final System.Logger LOG = System.getLogger(ServingThreads.class.getName());

    private final String kindPrefix;
    private volatile String prefix;
    private final ServerStats stats;
    private final CompletableFuture<Throwable> death;
    private final Set<Thread> started = ConcurrentHashMap.newKeySet();
    /** Threads whose task returned; removed from {@link #started} once they are no longer alive. */
    private final Queue<Thread> finished = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;

    /** {@code death} is completed (never failed) with the reason when an essential thread ends early. */
    ServingThreads(ServerKind kind, int port, ServerStats stats, CompletableFuture<Throwable> death) {
        this(kind, stats, death);
        bound(port);
    }

    /**
     * For a model whose threads must exist before its port is bound (a Netty acceptor loop, an
     * {@code AsynchronousChannelGroup}): threads are named {@code loombench-<model>-unbound-<role>}
     * until {@link #bound} renames them.
     */
    ServingThreads(ServerKind kind, ServerStats stats, CompletableFuture<Throwable> death) {
        this.kindPrefix = "loombench-" + kind.cliName() + "-";
        this.prefix = kindPrefix + "unbound-";
        this.stats = stats;
        this.death = death;
    }

    /** The port is known: every thread started so far, and every later one, is named after it. */
    void bound(int port) {
        String unbound = prefix;
        prefix = kindPrefix + port + "-";
        for (Thread thread : started) {
            String name = thread.getName();
            if (name.startsWith(unbound)) thread.setName(prefix + name.substring(unbound.length()));
        }
    }

    /**
     * A factory for libraries that start their own threads (Netty's event loops, the JDK's
     * {@code AsynchronousChannelGroup}): its threads are named {@code <role>-<n>} ({@code n} from 1),
     * counted and joined like those of {@link #start}, and essential (the event loops of a model).
     * {@code constructor} makes the unstarted thread from its task, e.g. {@code Thread::new} or
     * Netty's {@code FastThreadLocalThread::new}.
     */
    ThreadFactory essentialFactory(String role, Function<Runnable, Thread> constructor) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            finished.removeIf(done -> !done.isAlive() && started.remove(done));
            Thread thread = constructor.apply(() -> run(task, true));
            thread.setName(prefix + role + "-" + count.incrementAndGet());
            started.add(thread);
            return thread;
        };
    }

    /** The name prefix shared by every thread of this server. */
    String prefix() {
        return prefix;
    }

    /**
     * Starts {@code task}, which may end whenever it is done (a per-client thread), in a new
     * thread made by {@code builder} ({@code Thread.ofPlatform()} or {@code Thread.ofVirtual()})
     * and named after {@code role}.
     *
     * @throws OutOfMemoryError if the JVM cannot start another thread (the caller decides)
     */
    Thread start(Thread.Builder builder, String role, Runnable task) {
        return start(builder, role, task, false);
    }

    /** Starts {@code task} as {@link #start} does, as an essential thread: it must run until the server closes. */
    Thread startEssential(Thread.Builder builder, String role, Runnable task) {
        return start(builder, role, task, true);
    }

    private Thread start(Thread.Builder builder, String role, Runnable task, boolean essential) {
        finished.removeIf(done -> !done.isAlive() && started.remove(done));
        Thread thread = builder.name(prefix + role).unstarted(() -> run(task, essential));
        started.add(thread);
        try {
            thread.start();
        } catch (Throwable e) {
            started.remove(thread);
            throw e;
        }
        return thread;
    }

    private void run(Runnable task, boolean essential) {
        stats.threadStarted();
        Throwable failure = null;
        try {
            task.run();
        } catch (Throwable e) {
            failure = e;
            log(LOG, Level.ERROR, Thread.currentThread().getName() + " ended by an uncaught exception", e);
        } finally {
            stats.threadEnded();
            finished.add(Thread.currentThread());
            if (essential && !closing) {
                String name = Thread.currentThread().getName();
                death.complete(failure == null ? new IllegalStateException(name + " ended while the server was open")
                        : new IllegalStateException(name + " ended by " + failure, failure));
            }
        }
    }

    /**
     * Logs and never throws: the servers log exactly when resources run out, and then logging
     * itself can fail (under EMFILE, java.util.logging's first formatted record opens the time
     * zone file and throws an Error). A failed log line must not end a serving thread.
     */
    static void log(System.Logger logger, Level level, String message, Throwable error) {
        try {
            if (error == null) {
                logger.log(level, message);
            } else {
                logger.log(level, message, error);
            }
        } catch (Throwable ignored) {
            // nowhere left to report it
        }
    }

    /** The server is closing: from now on essential threads may end. Call it before closing what they block on. */
    void closing() {
        closing = true;
    }

    /**
     * Interrupts every thread of this server and waits until each has ended. Interrupting ends
     * waits (pool queue, sleeps, {@code --think}); the caller must have closed the sockets the
     * threads block on first.
     */
    void stopAll() {
        closing();
        boolean interrupted = false;
        while (!started.isEmpty()) {
            for (Thread thread : started) {
                thread.interrupt();
            }
            for (Thread thread : started) {
                try {
                    thread.join();
                    started.remove(thread);
                } catch (InterruptedException e) {
                    interrupted = true; // finish the joins anyway: close() promises no thread is left
                }
            }
        }
        finished.clear();
        if (interrupted) Thread.currentThread().interrupt();
    }
}

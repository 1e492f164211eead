package io.testhealth.collector.store;

import java.util.function.Supplier;

/**
 * Named locks held across every collector process that shares one store, so that work which must not run twice at
 * once (recomputing one component's report, pooling the team reports, the rebuild of every report) runs in one
 * process at a time. Within a process the callers keep their own locks; these only add the other processes.
 *
 * <p>The embedded store is opened by one process, so it needs none ({@link #SINGLE_PROCESS}); PostgreSQL holds them
 * as advisory locks.
 */
public interface ReplicaLocks {

    /** For a store that one process opens alone: nothing to share, the work runs at once. */
    ReplicaLocks SINGLE_PROCESS = new ReplicaLocks() {
        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public <T> T exclusive(String name, Supplier<T> work) {
            return work.get();
        }

        @Override
        public boolean tryExclusive(String name, Runnable work) {
            work.run();
            return true;
        }
    };

    /** Whether other processes may write the same store, so that what this one keeps in memory can fall behind. */
    boolean shared();

    /**
     * Runs {@code work} while no other process holds the lock {@code name}, waiting for it.
     *
     * @throws StoreException when the lock cannot be taken (the database is unreachable, or another process held it
     *                        past the longest wait)
     */
    <T> T exclusive(String name, Supplier<T> work);

    /**
     * Runs {@code work} unless another process holds the lock {@code name} right now.
     *
     * @return whether it ran
     */
    boolean tryExclusive(String name, Runnable work);
}

package org.lossbench.cli.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runner's claim on one cell, so that runners sharing a sweep folder (several {@code lossbench sweep}
 * processes, Slurm tasks, hosts on a shared file system) share its cells instead of each running all of them.
 *
 * <p>The claim is a file {@code claim.<g>} in the cell's folder, created whole and exclusively
 * ({@link AtomicFiles#createNew}: written beside, then hard-linked, atomic on local file systems and on NFS), so
 * that a runner killed at any instant leaves either no claim or a complete one, holding the owner's host, pid,
 * process start time, Slurm task and a heartbeat time that a daemon thread rewrites every
 * {@link #HEARTBEAT} while the claim is held. The generation {@code g} is what makes a takeover atomic: the
 * current claim is the highest generation present, and a runner takes over a claim of generation {@code g}
 * by creating {@code claim.<g+1>}, which only one runner can do; it then deletes the older generations. The
 * owner deletes its file when the cell is finished (after the {@code done} marker) or failed.
 *
 * <p>A claim may be taken over when it is <em>stale</em>: its heartbeat is older than {@link #STALE} (the
 * owner's host is down, or its process hangs or is frozen), its owner is on this host and no longer alive
 * ({@link ClaimOwner#isDeadProcessOnHostOf}), or its owner is an earlier incarnation of this runner's own
 * Slurm task (a requeued task). A claim file that cannot be read (damaged, or written without hard links)
 * is stale when the file is older than {@link #STALE}. Heartbeats compare clocks of different hosts: they
 * must agree to well within {@link #STALE} (NTP). A runner that finds a newer generation than its own
 * has lost the claim (it was frozen for longer than {@link #STALE}); it logs that and finishes the cell,
 * which then runs twice and writes the same bytes twice (every file is written atomically).
 */
public final class CellClaim implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CellClaim.class);
    /** How often a held claim's heartbeat is rewritten. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** A claim whose heartbeat is older than this may be taken over (ten missed heartbeats). */
    public static final Duration STALE = Duration.ofMinutes(5);
    static final String PREFIX = "claim.";

    /**
     * The current claim of a cell as read from its file.
     *
     * @param owner null when the file cannot be read yet (just created) or is damaged
     * @param heartbeat the owner's last heartbeat, else the file's modification time
     */
    public record Holder(int generation, ClaimOwner owner, Instant heartbeat) {
        /** Whether {@code me} may take this claim over at {@code now} (see the class comment). */
        public boolean isStale(ClaimOwner me, Instant now) {
            if (heartbeat.plus(STALE).isBefore(now)) {
                return true;
            }
            return owner != null && !owner.isSameProcess(me) && (owner.isDeadProcessOnHostOf(me) || owner.isSameSlurmTask(me));
        }

        /** For messages: who holds it and how old its heartbeat is. */
        public String describe(Instant now) {
            long age = Math.max(0, Duration.between(heartbeat, now).toSeconds());
            return (owner == null ? "an unreadable claim" : owner.toString()) + ", heartbeat " + age + " s ago";
        }
    }

    private final Path cellDir;
    private final int generation;
    private final ClaimOwner owner;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean lost;

    private CellClaim(Path cellDir, int generation, ClaimOwner owner, Duration every) {
        this.cellDir = cellDir;
        this.generation = generation;
        this.owner = owner;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claim-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                refresh(Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("cannot refresh the claim on cell {} (retried in {} s): {}", cellDir.getFileName(), every.toSeconds(), e.toString());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Claims the cell in {@code cellDir} for {@code me} (creating the folder): empty when a live runner
     * holds it, or when another runner won the race for it. The claim's heartbeat runs until {@link #close}.
     */
    public static Optional<CellClaim> acquire(Path cellDir, ClaimOwner me) {
        return acquire(cellDir, me, Instant.now(), HEARTBEAT);
    }

    static Optional<CellClaim> acquire(Path cellDir, ClaimOwner me, Instant now, Duration heartbeatEvery) {
        try {
            Files.createDirectories(cellDir);
            Optional<Holder> current = holder(cellDir);
            if (current.isPresent() && !current.get().isStale(me, now)) {
                return Optional.empty();
            }
            int g = current.map(h -> h.generation() + 1).orElse(0);
            if (!AtomicFiles.createNew(file(cellDir, g), content(me, now))) {
                return Optional.empty(); // another runner won the race for generation g
            }
            current.ifPresent(h -> LOG.warn("took over the stale claim of {} on {} ({})", cellDir.getFileName(),
                    h.describe(now), h.owner() == null ? "unreadable" : "owner gone or silent"));
            for (int older = 0; older < g; older++) {
                Files.deleteIfExists(file(cellDir, older));
            }
            return Optional.of(new CellClaim(cellDir, g, me, heartbeatEvery));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim cell folder " + cellDir, e);
        }
    }

    /** The current (highest-generation) claim of the cell in {@code cellDir}, if any. */
    public static Optional<Holder> holder(Path cellDir) {
        int g = -1;
        try (Stream<Path> files = Files.list(cellDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                g = Math.max(g, generationOf(p.getFileName().toString()));
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list cell folder " + cellDir, e);
        }
        if (g < 0) {
            return Optional.empty();
        }
        Path f = file(cellDir, g);
        try {
            Instant modified = Files.getLastModifiedTime(f).toInstant();
            try {
                Map<?, ?> m = Json.mapper().readValue(Files.readString(f, StandardCharsets.UTF_8), Map.class);
                ClaimOwner o = new ClaimOwner((String) m.get("host"), ((Number) m.get("pid")).longValue(),
                        Instant.parse((String) m.get("started")), (String) m.get("slurm_task"));
                return Optional.of(new Holder(g, o, Instant.parse((String) m.get("heartbeat"))));
            } catch (IOException | RuntimeException unreadable) {
                return Optional.of(new Holder(g, null, modified));
            }
        } catch (NoSuchFileException released) {
            return holder(cellDir); // released or superseded while we looked: look again
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read claim " + f, e);
        }
    }

    /** Rewrites the heartbeat, unless a newer generation shows that the claim was taken over. */
    void refresh(Instant now) {
        if (lost) {
            return;
        }
        Optional<Holder> current = holder(cellDir);
        if (current.isEmpty() || current.get().generation() != generation) {
            lost = true;
            LOG.warn("the claim on cell {} was taken over ({}): this runner was silent for longer than {} s; it finishes the cell "
                    + "anyway (the same bytes are written twice)", cellDir.getFileName(),
                    current.map(h -> h.describe(now)).orElse("released"), STALE.toSeconds());
            return;
        }
        AtomicFiles.writeString(file(cellDir, generation), content(owner, now));
    }

    /** Stops the heartbeat and deletes the claim file (the cell is finished, failed, or found done). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
            if (!lost) {
                Files.deleteIfExists(file(cellDir, generation));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release claim " + file(cellDir, generation), e);
        }
    }

    private static Path file(Path cellDir, int generation) {
        return cellDir.resolve(PREFIX + generation);
    }

    /** The generation of a claim file's name, or -1 for any other file (a heartbeat's temporary file included). */
    static int generationOf(String name) {
        if (!name.startsWith(PREFIX) || !name.substring(PREFIX.length()).matches("[0-9]{1,9}")) {
            return -1;
        }
        return Integer.parseInt(name.substring(PREFIX.length()));
    }

    static String content(ClaimOwner o, Instant heartbeat) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", o.host());
        m.put("pid", o.pid());
        m.put("started", o.started().toString());
        m.put("slurm_task", o.slurmTask());
        m.put("heartbeat", heartbeat.toString());
        return Json.pretty(m);
    }
}

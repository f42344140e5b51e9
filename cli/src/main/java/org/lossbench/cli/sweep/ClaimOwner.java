package org.lossbench.cli.sweep;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Who holds a cell's claim ({@link CellClaim}): a runner process, named by its host, process id and
 * process start time (the pair pid and start time tells a live process from a later one that reuses the pid),
 * and, inside a Slurm job, its Slurm task ({@code <array job>_<array task>}, else the job id), which a requeued
 * task keeps: a claim of the same Slurm task held by another process is a previous incarnation of that task.
 *
 * @param slurmTask {@code SLURM_ARRAY_JOB_ID_SLURM_ARRAY_TASK_ID}, else {@code SLURM_JOB_ID}, else null
 */
public record ClaimOwner(String host, long pid, Instant started, String slurmTask) {
    /** Two readings of one process's start time differ by less than this (they are whole clock ticks since boot). */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    /** This process. */
    public static ClaimOwner current() {
        ProcessHandle self = ProcessHandle.current();
        String array = System.getenv("SLURM_ARRAY_JOB_ID");
        String task = System.getenv("SLURM_ARRAY_TASK_ID");
        String job = System.getenv("SLURM_JOB_ID");
        String slurm = array != null && task != null ? array + "_" + task : job;
        return new ClaimOwner(hostName(), self.pid(), self.info().startInstant().orElseGet(Instant::now), slurm);
    }

    /** Whether {@code other} names this very process. */
    public boolean isSameProcess(ClaimOwner other) {
        return host.equals(other.host) && pid == other.pid && closeTo(started, other.started);
    }

    /**
     * Whether this owner, a process on {@code here}'s host, is known to be dead: no process has its pid,
     * or the process with its pid started at another time (the pid was reused). Owners on other hosts are
     * never known dead here (their heartbeat decides).
     */
    public boolean isDeadProcessOnHostOf(ClaimOwner here) {
        if (!host.equals(here.host)) {
            return false;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(s -> !closeTo(s, started)).orElse(false))
                .orElse(true);
    }

    /** Whether both belong to the same Slurm task (an earlier incarnation of a requeued task, or this one). */
    public boolean isSameSlurmTask(ClaimOwner other) {
        return slurmTask != null && slurmTask.equals(other.slurmTask);
    }

    @Override
    public String toString() {
        return host + " pid " + pid + (slurmTask == null ? "" : " (Slurm " + slurmTask + ")");
    }

    private static boolean closeTo(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(SAME_START) < 0;
    }

    /** The host name, as the kernel has it (no DNS look-up), else {@code localhost}. */
    static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException notLinux) {
            // below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

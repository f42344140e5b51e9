"""The peak resident set of a benchmark peer, shared by tools/bench_*_torch.py."""
import resource


def peak_rss_mb():
    """This process's peak resident set in MB: VmHWM (reset by execve, unlike ru_maxrss, which keeps the peak of
    the JVM that started the script), else ru_maxrss."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

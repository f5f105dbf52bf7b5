"""Peak memory of the running process, for the benchmarks."""

from __future__ import annotations

import resource


def peak_mb() -> float:
    """This process's own peak RSS (VmHWM). ``ru_maxrss`` is kept across ``exec``, so a
    benchmark's child process would report its forking parent's peak when that was higher."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

"""The container's main process: runs the runner and ends the container when the host goes away.

The runner only reads its stdin between commands, so while a cell runs it would
not notice that the host died (killed, not interrupted). This guard forwards
stdin to the runner line by line; at end of input it gives the runner a short
grace period to finish its own ``close`` and then exits, which stops the
container (and every process in it) and lets the engine remove it.
Standard library only: it runs in the image's interpreter.
"""

import os
import signal
import subprocess
import sys

GRACE_SECONDS = 10


def main() -> int:
    runner = subprocess.Popen([sys.executable, *sys.argv[1:]], stdin=subprocess.PIPE, start_new_session=True)
    try:
        for line in sys.stdin.buffer:
            try:
                runner.stdin.write(line)
                runner.stdin.flush()
            except BrokenPipeError:
                break  # the runner has exited by itself
        try:
            runner.stdin.close()
        except BrokenPipeError:
            pass
        return runner.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        return 137
    finally:
        if runner.poll() is None:
            try:  # the runner's group holds the kernel too
                os.killpg(runner.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    sys.exit(main())

"""Where an output goes, and how it is written so that nothing is lost or overwritten.

An output path is refused (:class:`OutputRefused`, one line) when it is the input (the same
file, by a symbolic or a hard link too), a symbolic link, a hard link of another name, a FIFO,
a device, a socket, a directory, or a file that cannot be written: writing there would destroy
what the user has, or replace a link by a file.

A file is written whole before it takes the output's name: into an unnamed file of the
output's folder (Linux ``O_TMPFILE``: nothing is left behind by a process killed even with
SIGKILL), given its name only when complete; where the system has no unnamed files, into a
hidden file beside the output, removed on any error or caught signal. A new output gets the
user's umask (``0666 & ~umask``, as any program that creates a file); an output replaced keeps
its permissions.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from planner.model.errors import PlanningError
from planner.text.message import Message

__all__ = ["OutputRefused", "atomic_file", "check_output", "scratch_file"]


class OutputRefused(PlanningError, ValueError):
    """An output path that would lose or overwrite what the user has (the reason named)."""


def check_output(
    target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Refuse ``target`` when writing there would lose something (see the module's text).

    Raises
    ------
    OutputRefused
        Naming the path and the reason (``output_is_input``, ``output_link``...).
    """
    path = Path(target)
    try:
        seen = path.lstat()
    except FileNotFoundError:
        return  # a new file: its folder's errors are the write's
    except OSError:
        return
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samestat(Path(source).stat(), path.stat()):
                raise OutputRefused(Message.of("output_is_input", path=str(path)))
    mode = seen.st_mode
    if stat.S_ISLNK(mode):
        raise OutputRefused(Message.of("output_link", path=str(path)))
    if stat.S_ISDIR(mode):
        raise OutputRefused(Message.of("output_directory", path=str(path)))
    if not stat.S_ISREG(mode):
        kind = "output_fifo" if stat.S_ISFIFO(mode) else "output_device"
        raise OutputRefused(Message.of(kind, path=str(path)))
    if seen.st_nlink > 1:
        raise OutputRefused(Message.of("output_hard_link", path=str(path), links=seen.st_nlink))
    if not seen.st_mode & 0o222 or not os.access(path, os.W_OK):  # root may write anything
        raise OutputRefused(Message.of("output_read_only", path=str(path)))


@contextlib.contextmanager
def scratch_file(folder: str | os.PathLike[str] | None = None) -> Iterator[tuple[int, str]]:
    """An unnamed file in ``folder`` (the system's temporary folder by default): its
    descriptor and a name that opens it again (``/proc/self/fd/N``). It is gone when the block
    ends, or when the process dies whatever the signal. Where the system has no unnamed files,
    a hidden named file, removed when the block ends."""
    directory = str(folder or tempfile.gettempdir())
    try:
        fd = os.open(directory, os.O_TMPFILE | os.O_RDWR, 0o666)
        name, named = f"/proc/self/fd/{fd}", False
    except (AttributeError, OSError):  # no unnamed files here: a hidden named one
        name = os.path.join(directory, f".planner-{secrets.token_hex(6)}.tmp")
        fd, named = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666), True
    if not named and not os.path.exists(name):  # no /proc: the file cannot be named
        os.close(fd)
        name = os.path.join(directory, f".planner-{secrets.token_hex(6)}.tmp")
        fd, named = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666), True
    try:
        yield fd, name
    finally:
        os.close(fd)
        if named:
            Path(name).unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_file(
    target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``target`` only once the block ends without an error (a
    failed or interrupted write leaves the earlier file as it was, and no file behind).

    Raises
    ------
    OutputRefused
        Before anything is written, when :func:`check_output` refuses ``target``.
    """
    path = Path(target)
    check_output(path, inputs)
    keep = _mode_of(path)
    with scratch_file(path.parent if str(path.parent) else ".") as (fd, name):
        if keep is not None:
            os.fchmod(fd, keep)
        with open(name, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _give_name(name, path)


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _give_name(name: str, path: Path) -> None:
    """Give the complete file ``name`` the name ``path`` (replacing what it had, in one step)."""
    if not name.startswith("/proc/"):
        os.replace(name, path)
        return
    beside = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    fds = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:  # linkat with AT_SYMLINK_FOLLOW (a dir fd makes Python call linkat, not link)
        os.link(name.rsplit("/", 1)[1], beside, src_dir_fd=fds, follow_symlinks=True)
    finally:
        os.close(fds)
    try:
        os.replace(beside, path)
    except BaseException:
        beside.unlink(missing_ok=True)
        raise

"""Reset one client's TCP connection from inside the app (the `reset` / `lost-response` faults).

granian owns its sockets and gives the app no handle on them, so the connection is found by the
client's address among this process's file descriptors (Linux: /proc/self/fd) and shut down with
SO_LINGER 0: the client sees a reset and not one byte. Runs only when such a fault fires.
"""

from __future__ import annotations

import os
import socket
import struct

__all__ = ["reset_peer"]

_INET = (socket.AF_INET, socket.AF_INET6)


def reset_peer(client: str) -> bool:
    """`client` as "host:port"; True when a connection from it was found and reset."""
    host, _, port_text = client.rpartition(":")
    try:
        port, names = int(port_text), os.listdir("/proc/self/fd")
    except (ValueError, OSError):
        return False
    host = host.strip("[]")
    return any(_reset_if_peer(int(name), host, port) for name in names)


def _reset_if_peer(fd: int, host: str, port: int) -> bool:
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return False
    try:
        if sock.family not in _INET or sock.type != socket.SOCK_STREAM:
            return False
        peer = sock.getpeername()
        if peer[1] != port or peer[0].removeprefix("::ffff:") != host.removeprefix("::ffff:"):
            return False
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
        return True
    except OSError:
        return False
    finally:
        sock.close()

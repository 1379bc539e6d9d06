"""A resolver that rebinds: a name first resolves to a public address, then to 127.0.0.1 (as
an attacker's DNS server answers a check and then the connection)."""

import socket

PUBLIC = "93.184.215.14"


def rebinding_resolver(monkeypatch, host, public=PUBLIC):
    """Patch name resolution so that `host` answers `public` once, then 127.0.0.1. Returns the
    list of answers given, for the test to see how often the name was looked up."""
    real = socket.getaddrinfo
    answers = []

    def getaddrinfo(name, port, *args, **kwargs):
        if name != host:
            return real(name, port, *args, **kwargs)
        ip = public if not answers else "127.0.0.1"
        answers.append(ip)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, int(port)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def local_name(monkeypatch, host):
    """Patch name resolution so that `host` always answers 127.0.0.1."""
    real = socket.getaddrinfo

    def getaddrinfo(name, port, *args, **kwargs):
        if name != host:
            return real(name, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("127.0.0.1", int(port)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

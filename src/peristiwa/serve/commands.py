"""``peristiwa serve``: run the web app and REST API over a store with uvicorn.

Kept here, not in ``cli.py``, so the web layer and its dependencies load only when someone serves;
``cli.py`` calls :func:`register`. Errors a user can fix (a store that cannot be opened, a missing
store file without ``--create``) are one line on standard error and exit status 2, like every
peristiwa command; a port that is already in use is checked before anything is announced, one line
and exit status :data:`EXIT_PORT_IN_USE`.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

err_console = Console(stderr=True, highlight=False)
EXIT_PORT_IN_USE = 3  # `serve` exit status when the address cannot be listened on


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, not an address here), or None.

    Binding a socket the way uvicorn will (SO_REUSEADDR, as uvicorn sets it) and closing it again:
    the check that lets ``serve`` say so before it announces a URL.
    """
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            why = "the port is in use" if exc.errno == 98 else exc.strerror or str(exc)
            return f"cannot listen on {host}:{port}: {why} (choose another with --port)"
    return None


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""

    @app.command("serve")
    def serve_command(
        db: Annotated[
            str | None,
            typer.Option("--db", help="Store: a DuckDB path or postgresql://... (default: $PERISTIWA_DB)"),
        ] = None,
        host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = (
            "127.0.0.1"
        ),
        port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                envvar="PERISTIWA_TOKEN",
                help="Bearer token that allows POST /api/articles; without one the server is read-only.",
                show_default=False,
            ),
        ] = None,
        create: Annotated[
            bool,
            typer.Option("--create", help="With --token: create the DuckDB file if missing."),
        ] = False,
        code_workers: Annotated[
            int | None,
            typer.Option("--code-workers", help="Coding worker processes (default: cores - 1, at least 1)."),
        ] = None,
        code_timeout: Annotated[
            float, typer.Option("--code-timeout", help="Seconds one coding request may take (then 503).")
        ] = 60.0,
    ) -> None:
        """Serve the web pages and the REST API (OpenAPI at /docs) over the event store."""
        import uvicorn

        from peristiwa.serve.app import create_app
        from peristiwa.store.backend import StoreError

        problem = port_problem(host, port)
        if problem:
            err_console.print(f"[bold red]error:[/] {problem}", soft_wrap=True)
            raise typer.Exit(EXIT_PORT_IN_USE)
        try:
            web = create_app(
                db,
                token=token or None,
                create=create,
                code_workers=code_workers,
                code_time_limit=code_timeout,
                warm=True,
            )
        except StoreError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
            raise typer.Exit(2) from None
        mode = "read-write (token set)" if token else "read-only (no token)"
        err_console.print(f"peristiwa serve: http://{host}:{port}/  {mode}")
        try:
            uvicorn.run(web, host=host, port=port, log_level="warning")
        except OSError as exc:  # port in use, address not available
            err_console.print(f"[bold red]error:[/] cannot listen on {host}:{port}: {exc}", soft_wrap=True)
            raise typer.Exit(EXIT_PORT_IN_USE) from None

"""``peristiwa serve``: run the web app and REST API over a store with uvicorn.

Kept here, not in ``cli.py``, so the web layer and its dependencies load only when someone serves;
``cli.py`` calls :func:`register`. Errors a user can fix (a store that cannot be opened, a port in
use) are one line on standard error and exit status 2, like every peristiwa command.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

err_console = Console(stderr=True, highlight=False)


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
    ) -> None:
        """Serve the web pages and the REST API (OpenAPI at /docs) over the event store."""
        import uvicorn

        from peristiwa.serve.app import create_app
        from peristiwa.store.backend import StoreError

        try:
            web = create_app(db, token=token or None)
        except StoreError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
            raise typer.Exit(2) from None
        mode = "read-write (token set)" if token else "read-only (no token)"
        err_console.print(f"peristiwa serve: http://{host}:{port}/  {mode}")
        try:
            uvicorn.run(web, host=host, port=port, log_level="warning")
        except OSError as exc:  # port in use, address not available
            err_console.print(f"[bold red]error:[/] cannot listen on {host}:{port}: {exc}", soft_wrap=True)
            raise typer.Exit(2) from None

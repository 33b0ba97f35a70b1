"""``alloypore web``: serve the web explorer on this machine."""

from __future__ import annotations

import typer

from alloypore._optional import require
from alloypore.web.server import check_bindable, serve


def register(app: typer.Typer) -> None:
    @app.command("web")
    def web_cmd(
        port: int = typer.Option(8501, "--port", help="Port to serve on."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind to (default: this machine only)."),
    ) -> None:
        """Serve the web explorer (Design, Studies, Evidence, Literature) at http://HOST:PORT."""
        check_bindable(host, port)  # before anything is printed or started
        require("streamlit", "web", "alloypore web")  # before the server starts: one line, not a child's traceback
        typer.echo(f"alloypore web: http://{host}:{port}  (Ctrl+C to stop)", err=True)
        raise typer.Exit(serve(port, host))

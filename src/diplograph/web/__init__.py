"""The web app (`diplograph serve`): a JSON API over the knowledge base, the browser UI built
from web/frontend into web/static, and upload/URL ingest jobs. See web.app.create_app."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diplograph.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported only by those who use the web app, not by every `import diplograph.web...`.
    if name == "create_app":
        from diplograph.web.app import create_app
        return create_app
    raise AttributeError(name)

"""The relay's FastAPI app: the widget's and the desktop's APIs, the widget files and the demo shop."""

from __future__ import annotations

import asyncio
import html
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from shopdesk import __version__
from shopdesk.paths import resource
from shopdesk.relay import desk_api, rating_page, widget_api
from shopdesk.relay.config import RelayConfig
from shopdesk.relay.middleware import BodyLimit, WidgetCors
from shopdesk.relay.service import Relay
from shopdesk.relay.store import RelayInputError, ensure_site, open_store
from shopdesk.relay.writer import RelayUnavailable

STATIC = {
    "/widget.js": ("widget/widget.js", "text/javascript; charset=utf-8"),
    "/widget.css": ("widget/widget.css", "text/css; charset=utf-8"),
    "/demo/demo.css": ("widget/demo.css", "text/css; charset=utf-8"),
    "/demo/demo.js": ("widget/demo.js", "text/javascript; charset=utf-8"),
}


def create_app(config: RelayConfig) -> FastAPI:
    """The relay for ``config``; its store is opened when the app starts (lifespan)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        engine = await asyncio.to_thread(open_store, config.database_url)
        site = await asyncio.to_thread(ensure_site, engine, config.site)
        relay = Relay(config, engine, site)
        relay.writer.start()
        app.state.relay = relay
        try:
            yield
        finally:
            await relay.writer.stop()
            engine.dispose()

    app = FastAPI(
        title="ShopDesk relay",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(WidgetCors)
    app.add_middleware(
        BodyLimit,
        default=config.limits.max_body_bytes,
        uploads=config.limits.max_upload_bytes,
    )
    _errors(app)
    app.include_router(widget_api.router)
    app.include_router(widget_api.files_router)
    app.include_router(widget_api.ws_router)
    app.include_router(desk_api.router)
    app.include_router(desk_api.ws_router)
    app.include_router(rating_page.router)
    _pages(app)
    return app


def _errors(app: FastAPI) -> None:
    """Every refusal is a 4xx with a reason in ``detail``."""

    @app.exception_handler(RelayInputError)
    async def refused(request: Request, exc: RelayInputError):
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        reasons = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            reasons.append(f"{where}: {err.get('msg', 'invalid')}")
        return JSONResponse({"detail": "; ".join(reasons) or "invalid request"}, status_code=422)

    @app.exception_handler(RelayUnavailable)
    async def unavailable(request: Request, exc: RelayUnavailable):
        return JSONResponse(
            {"detail": "the relay could not save this right now; try again shortly"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def _pages(app: FastAPI) -> None:
    def serve(path: str, media_type: str):
        async def handler() -> Response:
            body = await asyncio.to_thread(resource(path).read_bytes)
            return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=300"})

        return handler

    for url, (path, media_type) in STATIC.items():
        app.add_api_route(url, serve(path, media_type), methods=["GET"], include_in_schema=False)

    @app.get("/demo", include_in_schema=False, response_class=HTMLResponse)
    async def demo(request: Request) -> HTMLResponse:
        """The demo shop, with the widget tag for this relay's site."""
        page = await asyncio.to_thread(resource("widget/demo.html").read_text, "utf-8")
        return HTMLResponse(page.replace("{{SITE_KEY}}", html.escape(request.app.state.relay.site.key)))

    @app.get("/healthz", tags=["service"])
    async def health(request: Request) -> dict:
        """For load balancers and `systemctl status` checks."""
        relay = request.app.state.relay
        return {"ok": True, "version": __version__, "head": relay.hub.head}

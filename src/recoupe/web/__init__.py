"""The web UI: FastAPI pages and their JSON twins over the store (`recoupe serve`)."""

from recoupe.web.app import CSP, WebConfig, create_app

__all__ = ["create_app", "WebConfig", "CSP"]

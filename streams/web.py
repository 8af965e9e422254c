"""HTTP API of a worker: the incidents it holds in hot state (its partitions), and health.

    GET /health                 {"status": "ok"}
    GET /incidents/             open and retained incidents on this worker, newest first
    GET /incidents/{id}/        one incident, 404 when it is not on this worker

The complete, durable view is the compacted incidents topic (`newsfold export incidents`).
"""

from __future__ import annotations

import orjson
from faust.web import Request, Response, View

from streams.app import app
from streams.topology import incident_states


def _json(web: View, payload: object, status: int = 200) -> Response:
    return web.bytes(orjson.dumps(payload), content_type="application/json", status=status)


@app.page("/health/")
class Health(View):
    """Liveness for load balancers."""

    async def get(self, request: Request) -> Response:
        return _json(self, {"status": "ok"})


@app.page("/incidents/")
class IncidentList(View):
    """Incidents in this worker's hot state."""

    async def get(self, request: Request) -> Response:
        status = request.query.get("status")
        rows = [
            state.incident.model_dump(
                mode="json",
                include={"id", "version", "status", "title", "event_date", "region_key"},
            )
            for state in incident_states.values()
            if status is None or state.incident.status == status
        ]
        rows.sort(key=lambda r: (str(r["event_date"]), r["id"]), reverse=True)
        return _json(self, rows)


@app.page("/incidents/{incident_id}/")
class IncidentDetail(View):
    """One incident, the latest version this worker holds."""

    async def get(self, request: Request, incident_id: str) -> Response:
        state = incident_states.get(incident_id)
        if state is None:
            return _json(self, {"error": f"incident {incident_id} is not on this worker"}, 404)
        return _json(self, state.incident.model_dump(mode="json"))

"""The protocol as OpenAPI 3.0, served at /v1/openapi.json and fuzzed by the tests.

docs/sync-protocol.md is the prose; this is the same contract for tools.
"""

from __future__ import annotations

from typing import Any

_HEX64 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_ERROR = {
    "type": "object",
    "required": ["error", "message_th", "message_en"],
    "properties": {
        "error": {"type": "string"},
        "message_th": {"type": "string"},
        "message_en": {"type": "string"},
    },
}
_SIGNED = [
    {"name": "X-Otop-Terminal", "in": "header", "required": True, "schema": {"type": "string"}},
    {"name": "X-Otop-Timestamp", "in": "header", "required": True,
     "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"}},
    {"name": "X-Otop-Nonce", "in": "header", "required": True,
     "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}},
    {"name": "X-Otop-Signature", "in": "header", "required": True,
     "schema": {"type": "string", "pattern": "^v1=[0-9a-f]{64}$"}},
]  # fmt: skip
_TERMINAL = {"name": "terminal_id", "in": "path", "required": True, "schema": {"type": "string"}}
_CHECKPOINT = {
    "type": "object",
    "required": ["terminal_id", "seq", "hash", "at", "signature"],
    "properties": {
        "terminal_id": {"type": "string"},
        "seq": {"type": "integer", "minimum": 0},
        "hash": _HEX64,
        "at": {"type": "string"},
        "signature": {"type": "string"},
    },
}
_ENTRY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["seq", "kind", "occurred_at", "user_id", "payload", "prev_hash", "hash"],
    "properties": {
        "seq": {"type": "integer", "minimum": 1},
        "kind": {"type": "string", "maxLength": 64},
        "occurred_at": {"type": "string", "maxLength": 64},
        "user_id": {"type": "integer", "nullable": True},  # OpenAPI 3.0 has no type lists
        "payload": {"type": "string"},
        "prev_hash": _HEX64,
        "hash": _HEX64,
    },
}


_ACK = {
    "type": "object",
    "required": ["seq", "hash"],
    "properties": {"seq": {"type": "integer", "minimum": 0}, "hash": _HEX64},
}
_RETRY_AFTER = {"Retry-After": {"schema": {"type": "string", "pattern": "^[0-9]+$"}}}


def _errors(*codes: int) -> dict[str, Any]:
    """Refusals; 429 and 503 say how long to wait in Retry-After."""
    out: dict[str, Any] = {}
    for c in codes:
        out[str(c)] = {"description": "refused",
                       "content": {"application/json": {"schema": _ERROR}}}  # fmt: skip
        if c in (429, 503):
            out[str(c)]["headers"] = _RETRY_AFTER
    return out


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ENROLLED = {
    "type": "object",
    "required": ["terminal_id", "secret", "centre", "server_key", "acknowledged"],
    "properties": {
        "terminal_id": {"type": "string"},
        "secret": {"type": "string"},
        "centre": {
            "type": "object",
            "required": ["code", "name", "province", "district"],
            "properties": {k: {"type": "string"} for k in ("code", "name", "province", "district")},
        },
        "server_key": {"type": "string"},
        "acknowledged": _ACK,
    },
}
_ACKNOWLEDGED = {
    "type": "object",
    "required": ["acknowledged", "stored", "already_held", "flagged", "checkpoint"],
    "properties": {
        "acknowledged": _ACK,
        "stored": {"type": "integer", "minimum": 0},
        "already_held": {"type": "integer", "minimum": 0},
        "flagged": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["seq", "problems"],
                "properties": {
                    "seq": {"type": "integer", "minimum": 1},
                    "problems": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "checkpoint": _CHECKPOINT,
    },
}
_STATUS = {
    "type": "object",
    "required": ["acknowledged", "flagged", "alerts", "server_time"],
    "properties": {
        "acknowledged": _ACK,
        "flagged": {"type": "integer", "minimum": 0},
        "alerts": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "seq", "at"],
                "properties": {
                    "kind": {"type": "string"},
                    "seq": {"type": "integer"},
                    "at": {"type": "string"},
                },
            },
        },
        "server_time": {"type": "string"},
    },
}

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "OTOP POS provincial server", "version": "1"},
    "paths": {
        "/v1/enrol": {
            "post": {
                "operationId": "enrol",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["code", "pos_id", "chain_id", "first_entry_hash"],
                                "properties": {
                                    "code": {"type": "string"},
                                    "pos_id": {"type": "string"},
                                    "chain_id": {"type": "string"},
                                    "first_entry_hash": {**_HEX64, "nullable": True},
                                    "client": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "201": _json(_ENROLLED, "enrolled"),
                    **_errors(400, 404, 409, 410, 413, 429, 503),
                },
            }
        },
        "/v1/terminals/{terminal_id}/batches": {
            "post": {
                "operationId": "upload",
                "parameters": [_TERMINAL, *_SIGNED],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": [
                                    "terminal_id",
                                    "from_seq",
                                    "to_seq",
                                    "head",
                                    "entries",
                                ],
                                "properties": {
                                    "terminal_id": {"type": "string"},
                                    "from_seq": {"type": "integer"},
                                    "to_seq": {"type": "integer"},
                                    "head": {
                                        "type": "object",
                                        "required": ["seq", "hash"],
                                        "properties": {"seq": {"type": "integer"}, "hash": _HEX64},
                                    },
                                    "entries": {
                                        "type": "array",
                                        "minItems": 1,
                                        "maxItems": 500,
                                        "items": _ENTRY,
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": _json(_ACKNOWLEDGED, "acknowledged"),
                    **_errors(400, 401, 409, 413, 422, 503),
                },
            }
        },
        "/v1/terminals/{terminal_id}/checkpoint": {
            "get": {
                "operationId": "checkpoint",
                "parameters": [_TERMINAL, *_SIGNED],
                "responses": {
                    "200": _json(_CHECKPOINT, "the latest"),
                    **_errors(400, 401, 413, 503),
                },
            }
        },
        "/v1/terminals/{terminal_id}/status": {
            "get": {
                "operationId": "status",
                "parameters": [_TERMINAL, *_SIGNED],
                "responses": {"200": _json(_STATUS, "status"), **_errors(400, 401, 413, 503)},
            }
        },
        "/v1/health": {
            "get": {
                "operationId": "health",
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["ok", "server_time"],
                            "properties": {
                                "ok": {"type": "boolean"},
                                "server_time": {"type": "integer"},
                            },
                        },
                        "up",
                    )
                },
            }
        },
    },
}

"""The HTTP face of the server (Starlette): routes, body limits and error bodies only."""

"""The manager's settings screen and its printer page."""

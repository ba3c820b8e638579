"""The till's sync with the provincial server as the screens and commands see it."""

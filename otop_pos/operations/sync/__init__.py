"""The till's sync with the provincial server as user actions: status, enrolment, the uploader."""

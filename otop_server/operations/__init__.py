"""What the server does for a request: enrolment, signed access, batches, checkpoints."""

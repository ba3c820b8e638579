"""The journal's declared contract: every kind's payload as a typed, versioned record."""

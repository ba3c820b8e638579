"""Rules a new centre's details must meet before the centre is made."""

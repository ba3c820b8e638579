"""Staff management: users, roles and PINs, each change a journal entry."""

"""The sale screen's cart: its model, its table and what the cashier does to it."""

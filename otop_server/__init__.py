"""The provincial server: keeps every till's journal exactly once and shows the province its figures."""

"""Backing up the centre's file and putting a backup back."""

"""Making a new centre: the first-run wizard's and `otop-pos init`'s one action."""

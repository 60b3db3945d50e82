"""Sample accounts."""

"""The search index and query logic (the browser runs a twin of them)."""

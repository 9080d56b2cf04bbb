"""Content and settings: YAML with lines, the schema, what content/ may hold, entries, the
catalog, cross-references; all that `kbgen check` needs."""

"""Writers' tools: new projects and entries, imports, the external link check."""

"""Plain per-page data for templates (views), the sanitizer, JSON-LD, palette colours."""

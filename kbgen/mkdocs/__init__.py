"""The only package that imports mkdocs or material: the plugin, its options, generated files,
the project, the language list."""

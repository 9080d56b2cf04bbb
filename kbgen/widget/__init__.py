"""The embeddable shop help widget: its data (from the site's views) and its files."""

"""The model every part shares: errors, entries and products, the product graph, contact
channels, UI words, URL rules."""

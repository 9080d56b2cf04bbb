"""Answers that travel: llms.txt, Markdown copies and feeds, made from the knowledge base
(no engine, no HTML back-conversion)."""

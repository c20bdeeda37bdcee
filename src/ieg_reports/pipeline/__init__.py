"""Stage 6, build: decide what to render, render it, write it atomically."""

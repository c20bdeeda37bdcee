"""Stage 5, render: one writer per format over the one document model."""

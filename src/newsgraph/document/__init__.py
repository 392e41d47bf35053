"""Per-document stages: each a plain function from records to records, never looking at other documents."""

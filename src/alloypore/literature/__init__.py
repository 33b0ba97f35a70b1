"""Literature: the published porous anodes as a curated, validated dataset (evidence layer)."""

"""Syria–Russia relations timeline: data store, queries, charts, exports and ingestion."""

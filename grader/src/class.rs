//! A class: rosters, shards, resume, merge (being written).

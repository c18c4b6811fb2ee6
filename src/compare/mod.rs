//! Comparison datasets and the tables and pages rendered from them.

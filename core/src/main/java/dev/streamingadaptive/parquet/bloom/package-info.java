/**
 * Parquet split-block Bloom filters (BloomFilter.md): XXH64 hashing of PLAIN-encoded values, the
 * filter itself, and a reader of a column chunk's filter that gives null instead of failing.
 *
 * <p>Internal to the module (not exported): the predicate package uses it to skip row groups for
 * equality and IN predicates.
 */
package dev.streamingadaptive.parquet.bloom;

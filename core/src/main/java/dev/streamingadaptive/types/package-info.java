/**
 * Type facts shared by expression typing ({@code expr}) and evaluation ({@code exec.eval}): DuckDB's
 * text forms of values and type names, and integer ranges. Internal: not exported.
 */
package dev.streamingadaptive.types;

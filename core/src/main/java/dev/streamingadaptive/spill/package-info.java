/**
 * Where operators put state that outgrows memory: a per-run folder of temporary files
 * ({@link dev.streamingadaptive.spill.SpillDirectory}) and files of DataFrame batches written and read
 * back in order ({@link dev.streamingadaptive.spill.SpillFile}). Internal: not exported.
 */
package dev.streamingadaptive.spill;

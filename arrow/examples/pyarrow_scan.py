"""Stream a streaming-adaptive scan into pyarrow through Arrow's C Data Interface, in one process.

The JVM runs inside Python (JPype); our scan is exported as an ArrowArrayStream whose address pyarrow
imports. Batches move without a copy between the two runtimes; memory stays bounded by the scan's
batches. Requirements: Java 25, `pip install jpype1 pyarrow`, and a build of this repository
(`bin/streaming-adaptive --help` builds cli/target with every jar this needs).

    python arrow/examples/pyarrow_scan.py 'trades/*.parquet' "price > 100"

Without JPype, the same data reaches Python through an Arrow IPC file:
    bin/streaming-adaptive convert 'trades/*.parquet' trades.arrows --where "price > 100"
    python -c "import pyarrow as pa; print(pa.ipc.open_stream('trades.arrows').read_all())"
"""
import glob
import os
import sys

import jpype
import jpype.imports  # noqa: F401  (lets Java packages be imported below)
import pyarrow as pa
from pyarrow.cffi import ffi

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main(path: str, where: str | None) -> None:
    classpath = glob.glob(os.path.join(ROOT, "cli", "target", "lib", "*.jar"))
    jpype.startJVM(
        "--add-opens=java.base/java.nio=ALL-UNNAMED",  # Arrow's memory module
        "--enable-native-access=ALL-UNNAMED",           # native codecs and Arrow's C Data library
        "--sun-misc-unsafe-memory-access=allow",
        classpath=classpath,
    )
    from dev.streamingadaptive.arrow import ArrowStreams
    from dev.streamingadaptive.lazy import LazyFrame
    from org.apache.arrow.c import ArrowArrayStream
    from org.apache.arrow.memory import RootAllocator

    query = LazyFrame.scanParquet(path)
    if where:
        query = query.filter(where)  # SQL-style text, as the CLI's --where

    allocator = RootAllocator()
    c_stream = ffi.new("struct ArrowArrayStream*")
    address = int(ffi.cast("uintptr_t", c_stream))
    ArrowStreams.export(query, allocator, ArrowArrayStream.wrap(address))

    reader = pa.RecordBatchReader._import_from_c(address)
    rows = 0
    for batch in reader:  # each batch runs the scan one step further in the JVM
        rows += batch.num_rows
    print(f"{rows} rows, schema:\n{reader.schema}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)

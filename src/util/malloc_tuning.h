// Allocator settings for a process that reads many files one after another
// (gongkai check / parse / ingest / serve, and the benchmarks that measure them).
#pragma once

namespace gk {

// glibc hands the free memory at the top of the heap back to the kernel as soon
// as more than 128 KiB of it is free (M_TRIM_THRESHOLD), and serves every block
// of 128 KiB or more with a fresh mmap (M_MMAP_THRESHOLD). Reading one report
// allocates and frees a few hundred KiB (a DOCX XML tree) to a few MiB (PDF page
// bitmaps), so without this every file paid for fresh zero-filled pages: page
// faults were most of the time of reading a DOCX (bench/formats_bench).
// This keeps up to 64 MiB of freed memory for reuse and maps only blocks of
// 32 MiB or more separately — the ceilings glibc's own adaptive thresholds grow
// to. Output is unchanged; peak memory is not raised (retained memory was in use
// at the peak). No effect with other C libraries or under AddressSanitizer.
// Call once, early in main().
void tune_allocator_for_batches();

}  // namespace gk

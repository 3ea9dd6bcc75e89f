package store

// Two settings keep the file near the size of its data (BENCHMARKS.md).
const (
	// AppendFill is how full bbolt packs the pages of a bucket whose keys
	// only grow, as application ids do (bbolt's default, 0.5, is for
	// random inserts and leaves appended pages half empty).
	AppendFill = 1.0
	// fileGrowth is how much room the file grows by beyond what a write
	// needs. bbolt's default, 16 MiB, is made for servers writing all day;
	// a few writes a day fit in far less (freed pages are reused), and
	// the file stays close to its data.
	fileGrowth = 256 << 10
)

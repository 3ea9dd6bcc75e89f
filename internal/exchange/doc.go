// Package exchange holds the file formats afterview trades with other
// programs: the spreadsheet CSV it writes and reads back (csv.go,
// csvimport.go), the calendar of prompts (ics.go), the Taskwarrior tasks
// (taskwarrior.go) and the streaming writer of its own JSON export
// (export.go). It reads the store through its public methods and never
// writes past them: ImportCSV hands the applications it read to the store's
// Import, which checks them and writes them all or nothing.
//
// The JSON export's shape (store.Export) and its import stay in package
// store: the import builds a new data file beside the old one in bulk
// (store/importbuild.go), which only the store may write.
package exchange

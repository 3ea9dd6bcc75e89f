// Package store keeps afterview's data in one bbolt file: the
// applications, the events about no application, the references and what
// 'afterview notify' told, with the schema version, migrations, backups and
// locking, and the import and export of its own JSON format. It speaks the
// types of package stages and works out no prompt: it checks what it is
// given to store (stages' validation, the limits) and applies a logged
// event to its application, and that is all of the rules it runs. What is
// derived from the data (the prompt cache, the lapse index) is package
// agenda's, kept through a Deriver that every write calls inside its own
// transaction.
//
// # The data file
//
// The file lives where the caller says; DefaultPath gives the usual place
// ($XDG_DATA_HOME/afterview/afterview.db, else
// ~/.local/share/afterview/afterview.db) from the values the caller read:
// the store reads no environment variable and keeps no clock (WithClock
// gives it the caller's). Open creates its folder with mode
// 0700 and the file with mode 0600: it holds notes about the user's job
// search.
//
// The file is never kept open. Each method opens it, runs one transaction
// and closes it, so an afterview left open in one terminal never blocks a
// command in another. Readers take a shared lock and do not block each other;
// a writer takes an exclusive one. A call that cannot get its lock within the
// timeout (SetTimeout, default one second) fails with ErrBusy. A Store is
// safe to use from several goroutines once SetTimeout has been called.
//
// Inside, the store keeps four buckets of its own:
//
//	meta     "schema"     -> schema version, 8-byte big-endian (SchemaVersion)
//	         "revision"   -> 8-byte big-endian counter, +1 on every write
//	         "count"      -> the number of applications and the revision it
//	                         is true at
//	         "references" -> JSON of the []stages.Reference
//	apps     8-byte big-endian id -> JSON of a stages.Application
//	global   8-byte big-endian sequence -> JSON of a stages.Event
//	notified day, id and prompt key -> 1 (notified.go)
//
// and leaves the others to its Deriver (package agenda's active, lapse,
// lapsing, shared and own, and its keys in meta; see agenda/index.go). The
// Deriver's records are kept in the same transaction as every write, and
// stamped with the revision: a store opened without a Deriver (a test, an
// older afterview) moves the revision on, and the Deriver, seeing its
// records stale, rebuilds them at the next Open or write. The schema
// version does not change with them.
//
// Application ids come from the apps bucket's sequence, so they start at 1,
// sort in key order and are never reused, not even after a delete or an
// import that replaces everything. The global bucket holds the done, dismiss
// and snooze events of prompts that belong to no application (keep applying),
// in the order they were logged.
//
// Every transaction first checks the schema version: a file written by a
// newer afterview is refused with ErrNewerSchema and left untouched. Open
// upgrades an older file in one transaction (there is no older version yet).
// Problems with the file itself (not a bbolt file, another program's bbolt
// file, damage, a directory in the way, permissions) come back as *FileError,
// whose message names the file and says what to do; bbolt's panics on damaged
// files are caught and reported the same way. A file that is refused is never
// written to. So is a file shorter than its own records say (cut short by
// a copy), which bbolt would otherwise extend with zeros.
//
// Writes that fail for want of space (a full disk, a size limit, see
// SetMaxSize) change nothing and come back as a *FileError saying the disk
// may be full. Log and LogGlobal are safe to retry: an event identical to
// one already logged (same kind, instant and details) is not stored again,
// so a caller that crashed before learning whether a write committed can
// send it once more.
//
// # Backups
//
// Backup copies the file while other afterviews use it, in one read
// transaction: it runs bbolt's consistency check, writes the copy to a
// temporary file beside the destination, syncs it and renames it into
// place. Open makes such a copy, named by BackupName, next to the file
// before it migrates it to a newer schema, and does not migrate if the copy
// fails. Restoring is copying a backup over the file while no afterview
// runs.
//
// # The export format
//
// exchange.Export writes, and Import reads, one JSON object:
//
//	{
//	  "format": "afterview",
//	  "version": 2,
//	  "exported_at": "2026-11-26T15:00:00-05:00",
//	  "applications": [
//	    {
//	      "id": 1,
//	      "company": "Netflix",
//	      "role": "Senior Engineer",
//	      "process": "netflix",
//	      "stage": "reference check",
//	      "interviewed": "2026-11-16T15:00:00-05:00",
//	      "interviewers": ["Ana López"],
//	      "recruiter": "Cara Diaz",
//	      "expect": "2026-11-20",
//	      "created": "2026-11-16T13:00:00-05:00",
//	      "events": [
//	        {"kind": "interview", "at": "2026-11-16T15:00:00-05:00"},
//	        {"kind": "thanks", "at": "2026-11-16T18:00:00-05:00", "person": "Ana López"},
//	        {"kind": "stage", "at": "2026-11-18T17:00:00-05:00", "stage": "reference check"}
//	      ]
//	    }
//	  ],
//	  "global_events": [
//	    {"kind": "dismiss", "at": "2026-11-16T15:00:00-05:00", "prompt": "keep_applying:2026-11-16"}
//	  ]
//	}
//
// The streaming writer of this format is package exchange's (Export),
// with the other formats; the import, which builds a new data file, stays
// here.
//
// "format" is always "afterview" and "version" is the export format version
// (ExportVersion, 2; version 1 files, from before people had details and
// references, still import); a reader refuses a newer version and says to upgrade.
// The records are stages.Application and stages.Event as their JSON tags
// spell them: times are RFC 3339 with the offset they were recorded in,
// dates (expect, until, an offer's deadline) are YYYY-MM-DD, empty fields
// are left out. Exporting and importing loses nothing: an import of an
// export exports to the same bytes (given the same exported_at).
//
// Import refuses fields it does not know and checks every record before it
// writes anything: if one is wrong, the whole file is refused with a message
// naming each faulty record ("application 3 (Netflix): unknown stage ...")
// and the database is left as it was. It reads the file twice as a stream
// and builds the result as a new data file renamed over the old one, so its
// memory does not grow with the file (see importbuild.go). ImportIntoEmpty keeps the file's ids and refuses a database that
// already holds applications; ImportReplace swaps everything for the file's
// content, keeping its ids; ImportMerge adds the file's applications under new
// ids. Global events are appended, or replaced with ImportReplace.
package store
